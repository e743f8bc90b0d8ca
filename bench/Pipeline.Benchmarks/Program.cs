using System.Globalization;
using Pipeline.Benchmarks;

// dotnet run -c Release --project bench/Pipeline.Benchmarks -- close [--lines N] [--months M] [--runs R]
// dotnet run -c Release --project bench/Pipeline.Benchmarks -- parse [--lines N] [--runs R]
var command = args.FirstOrDefault() ?? "help";
int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        ? value
        : fallback;
}

switch (command)
{
    case "close":
        CloseBenchmark.Run(Option("--lines", 1_000_000), Option("--months", 60), Option("--runs", 3));
        return 0;
    case "parse":
        await ParseBenchmark.RunAsync(Option("--lines", 1_000_000), Option("--runs", 3));
        return 0;
    case "e2e":
        return await EndToEndBenchmark.RunAsync(
            Option("--lines", 1_000_000), Option("--months", 72), Option("--close-months", 60), Option("--warmup-lines", 20_000), Option("--timeout", 900));
    default:
        Console.WriteLine("usage: close [--lines 1000000] [--months 60] [--runs 3]");
        Console.WriteLine("       parse [--lines 1000000] [--runs 3]");
        return command == "help" ? 0 : 2;
}
