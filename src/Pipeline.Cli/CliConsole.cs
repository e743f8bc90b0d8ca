using System.Globalization;

namespace Pipeline.Cli;

/// <summary>The two streams of a run: results on <see cref="Out"/>, progress and errors on the error stream.</summary>
internal sealed class CliConsole(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;

    /// <summary>Writes a progress line to the error stream, so results on <see cref="Out"/> stay pipeable.</summary>
    public void Progress(string message) => error.WriteLine(message);

    /// <summary>Writes the one-line error and returns <paramref name="exitCode"/>.</summary>
    public int Error(int exitCode, string message)
    {
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pipeline: error: {message}"));
        return exitCode;
    }

    /// <summary>A failure (exit code 1).</summary>
    public int Fail(string message) => Error(Program.Failure, message);

    /// <summary>A usage error found after parsing, for example a range whose start is after its end (exit code 2).</summary>
    public int Usage(string message) => Error(Program.UsageError, message);
}
