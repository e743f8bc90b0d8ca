using System.Text.Json;

namespace Pipeline.Functions.Tests;

/// <summary>
/// The <c>functions.metadata</c> the Functions worker SDK generates at build (what the host indexes), copied next to
/// the tests from the app's build output, read into one comparable row per function.
/// </summary>
internal static class FunctionsMetadata
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "functions.metadata");

    /// <summary>Every function in the file, in file order.</summary>
    public static IReadOnlyList<(FunctionRow Row, string EntryPoint)> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FilePath));
        return document.RootElement.EnumerateArray().Select(function => (Row(function), function.GetProperty("entryPoint").GetString()!)).ToList();
    }

    private static FunctionRow Row(JsonElement function)
    {
        var name = function.GetProperty("name").GetString()!;
        var bindings = function.GetProperty("bindings").EnumerateArray().ToList();
        var trigger = bindings.Single(binding => Text(binding, "type")!.EndsWith("Trigger", StringComparison.Ordinal));
        var others = bindings.Where(binding => !binding.Equals(trigger)).Select(Other).ToList();
        var output = others.Count == 0 ? null : string.Join("; ", others);
        var type = Text(trigger, "type")!;
        return type switch
        {
            "httpTrigger" => new FunctionRow(
                name, type,
                $"{string.Join(",", trigger.GetProperty("methods").EnumerateArray().Select(method => method.GetString()!.ToUpperInvariant()))} {Text(trigger, "route")}",
                Access: Text(trigger, "authLevel")!.ToLowerInvariant(), Output: output),
            "blobTrigger" => new FunctionRow(name, type, Text(trigger, "path")!, Text(trigger, "connection"), $"source={Text(trigger, "source")}", Output: output),
            "timerTrigger" => new FunctionRow(
                name, type, Text(trigger, "schedule")!,
                Options: $"useMonitor={Flag(trigger, "useMonitor")} runOnStartup={Flag(trigger, "runOnStartup")}", Output: output),
            "queueTrigger" => new FunctionRow(name, type, Text(trigger, "queueName")!, Text(trigger, "connection"), Output: output),
            _ => new FunctionRow(name, type, trigger.GetRawText(), Output: output),
        };
    }

    private static string Other(JsonElement binding) => Text(binding, "type") switch
    {
        "queue" => $"{Text(binding, "direction")} queue {Text(binding, "queueName")} via {Text(binding, "connection")}",
        _ => binding.GetRawText(),
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ToString() : null;

    private static string Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.GetBoolean() ? "true" : "false";
}
