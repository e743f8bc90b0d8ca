using System.Diagnostics;
using System.Reflection;

namespace Pipeline.Infra.Tests;

/// <summary>Runs the Bicep CLI restored from the <c>Azure.Bicep.CommandLine.linux-x64</c> NuGet package.</summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary><c>BICEP_PATH</c> when set, else the package's <c>$(BicepPath)</c> recorded at build time.</summary>
    public static string ExecutablePath
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("BICEP_PATH");
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return fromEnvironment;
            }

            var recorded = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(attribute => attribute.Key == "BicepPath").Value;
            if (string.IsNullOrWhiteSpace(recorded) || !File.Exists(recorded))
            {
                throw new InvalidOperationException(
                    $"The Bicep CLI was not found at '{recorded}': restore the Azure.Bicep.CommandLine.linux-x64 package.");
            }

            return recorded;
        }
    }

    public static BicepResult Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry from a test run.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The Bicep CLI did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        return new BicepResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}

public sealed record BicepResult(int ExitCode, string Output, string Error);
