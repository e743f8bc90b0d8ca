namespace Pipeline.Cli.Tests;

/// <summary>Usage errors: exit code 2, one line on stderr that says what was expected, nothing on stdout, no storage touched.</summary>
public sealed class CliUsageTests : IDisposable
{
    // Port 9 (discard) on loopback: were any of these to reach storage, the run would fail with exit code 1, not 2.
    private readonly CliRun _cli = new("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" +
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;");

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("Required command was not provided")]
    [InlineData("Unrecognized command or argument 'frobnicate'", "frobnicate")]
    [InlineData("MONTH '2025-13' is not a month: expected a month as yyyy-MM, for example 2025-03", "close", "2025-13", "--tenant", "acme")]
    [InlineData("Option '--tenant' is required", "close", "2025-06")]
    [InlineData("--tenant 'Acme' is not a tenant id: expected a tenant id of lower-case letters, digits and single hyphens, for example acme", "kpis", "--tenant", "Acme")]
    [InlineData("--format 'xml' is not supported: expected table, csv or json", "kpis", "--tenant", "acme", "--format", "xml")]
    [InlineData("--from 'March' is not a month: expected a month as yyyy-MM, for example 2025-03", "kpis", "--tenant", "acme", "--from", "March")]
    [InlineData("--from 2025-06 is after --to 2025-01", "kpis", "--tenant", "acme", "--from", "2025-06", "--to", "2025-01")]
    [InlineData("Option '--reason' is required", "reopen", "2025-03", "--tenant", "acme")]
    [InlineData("--reason must not be empty: say why the month is reopened", "reopen", "2025-03", "--tenant", "acme", "--reason", " ")]
    [InlineData("File does not exist: 'no-such-file.csv'", "ingest", "no-such-file.csv", "--tenant", "acme")]
    public async Task UsageError_ExitCode2_OneLineSayingWhatWasExpected(string expected, params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("pipeline: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryCommand_ExitCode0()
    {
        var result = await _cli.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "status", "ingest <FILE>", "close <MONTH>", "reopen <MONTH>", "kpis" })
        {
            Assert.Contains($"  {command} ", result.Out, StringComparison.Ordinal);
        }
    }
}
