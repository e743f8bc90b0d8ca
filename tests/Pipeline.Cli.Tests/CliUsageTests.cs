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
    [InlineData("--by 'valueTier' is not a dimension: use one of plan, product, currency, country, channel, segment, tier, band, valueSegment", "kpis", "--tenant", "acme", "--by", "valueTier")]
    [InlineData("Option '--reason' is required", "reopen", "2025-03", "--tenant", "acme")]
    [InlineData("--reason must not be empty: say why the month is reopened", "reopen", "2025-03", "--tenant", "acme", "--reason", " ")]
    [InlineData("File does not exist: 'no-such-file.csv'", "ingest", "no-such-file.csv", "--tenant", "acme")]
    [InlineData("Option '--tenant' is required (run 'pipeline clv --help' for usage)", "clv")]
    [InlineData("--by 'band' is not a CLV dimension: use one of plan, product, currency, country, channel, segment, cohort", "clv", "--tenant", "acme", "--by", "band")]
    [InlineData("--as-of '2025-6' is not a month: expected a month as yyyy-MM, for example 2025-03", "clv", "--tenant", "acme", "--as-of", "2025-6")]
    [InlineData("--format 'xml' is not supported: expected table, csv or json", "clv", "--tenant", "acme", "--format", "xml")]
    [InlineData("--months '37' must be a whole number from 1 to 36 (run 'pipeline clv forecast --help' for usage)", "clv", "forecast", "--tenant", "acme", "--months", "37")]
    [InlineData("--months 'twelve' must be a whole number from 1 to 36", "clv", "forecast", "--tenant", "acme", "--months", "twelve")]
    [InlineData("--by 'tier' is not a CLV dimension", "clv", "forecast", "--tenant", "acme", "--by", "tier")]
    [InlineData("Option '--tenant' is required (run 'pipeline clv purchases --help' for usage)", "clv", "purchases")]
    [InlineData("--unit 'quarter' is not a time unit: use one of day, week, month", "clv", "purchases", "--tenant", "acme", "--unit", "quarter")]
    [InlineData("--calibration-end '1997-9-30' is not a date: expected yyyy-MM-dd, for example 2025-03-31", "clv", "purchases", "--tenant", "acme", "--calibration-end", "1997-9-30")]
    [InlineData("--sort 'name' is not a sort key: use one of customerId, mrr, revenueToDate, residualClv, purchaseClv", "customers", "--tenant", "acme", "--sort", "name")]
    [InlineData("--segment 'pro' needs a dimension: add --by, one of plan, product, currency, country, channel, segment, cohort, valueTier, valueSegment", "customers", "--tenant", "acme", "--segment", "pro")]
    [InlineData("--by 'tier' is not a CLV dimension: use one of plan, product, currency, country, channel, segment, cohort, valueTier, valueSegment", "customers", "--tenant", "acme", "--by", "tier")]
    [InlineData("--by 'valueTier' is not a CLV dimension: use one of plan, product, currency, country, channel, segment, cohort (run", "clv", "--tenant", "acme", "--by", "valueTier")]
    [InlineData("--id shows one customer's card: --segment and --sort apply to the list only", "customers", "--tenant", "acme", "--id", "m7", "--sort", "mrr")]
    [InlineData("--id ' ' is not a customer id", "customers", "--tenant", "acme", "--id", " ")]
    [InlineData("--as-of 'June' is not a month", "customers", "--tenant", "acme", "--as-of", "June")]
    [InlineData("--segment 'smb' needs a dimension: add --by, one of plan, product, currency, country, channel, segment", "receivables", "--tenant", "acme", "--segment", "smb")]
    [InlineData("--by 'cohort' is not a CLV dimension: use one of plan, product, currency, country, channel, segment", "receivables", "--tenant", "acme", "--by", "cohort")]
    [InlineData("Argument 'month' not recognized. Must be one of", "receivables", "--tenant", "acme", "--per", "month")]
    [InlineData("--by 'cohort' is not a dimension: use one of plan, product, currency, country, channel, segment, tier, band", "loyalty", "--tenant", "acme", "--by", "cohort")]
    [InlineData("--from 2025-03 is after --to 2025-01", "loyalty", "--tenant", "acme", "--from", "2025-03", "--to", "2025-01")]
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
        foreach (var command in new[] { "status", "ingest <FILE>", "close <MONTH>", "reopen <MONTH>", "kpis", "clv", "customers", "receivables", "loyalty" })
        {
            Assert.Contains($"  {command} ", result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ClvHelp_ListsForecastAndPurchases_ExitCode0()
    {
        var result = await _cli.RunAsync("clv", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var text in new[] { "  forecast ", "  purchases ", "--as-of <yyyy-MM>", "--by <dimension>", "--format" })
        {
            Assert.Contains(text, result.Out, StringComparison.Ordinal);
        }
    }
}
