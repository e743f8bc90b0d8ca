using System.Text.Json;
using Pipeline.Testing;

namespace Pipeline.Cli.Tests;

/// <summary>
/// <c>loyalty</c> against a real Azurite: A (300 a month) and B (100) from January 2025, C answering without revenue;
/// January answers A 10, B 2, C 9. By hand: NPS (2 − 1) ÷ 3 × 100 = 33.333333, revenue-weighted (300 − 100) ÷ 400 × 100 = 50.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CliLoyaltyCommandTests(AzuriteInstance azurite) : IDisposable
{
    private const string Revenue =
        """
        line_id,customer_id,amount,currency,interval,service_start,service_end
        a1,A,300.00,EUR,month,2025-01-01,2025-02-01
        b1,B,100.00,EUR,month,2025-01-01,2025-02-01

        """;

    private const string Survey =
        """
        customer_id,responded_at,score,same_solution,same_provider
        A,2025-01-20,10,ja,ja
        B,2025-01-20,2,nee,nee
        C,2025-01-20,9,ja,nee

        """;

    private readonly CliRun _cli = new(azurite.ConnectionString);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Loyalty_CsvJsonAndTable_FiguresAsByHand()
    {
        Assert.Equal(0, (await _cli.RunAsync("ingest", _cli.WriteFile("revenue.csv", Revenue), "--tenant", "acme")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("ingest", _cli.WriteFile("survey.csv", Survey), "--tenant", "acme")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("close", "2025-01", "--tenant", "acme")).ExitCode);

        var csv = await _cli.RunAsync("loyalty", "--tenant", "acme", "--from", "2025-01", "--to", "2025-01", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        Assert.StartsWith("month,dimension,segment,status,version,currency,responses,promoters,passives,detractors,nps,revenueWeightedNps", csv.OutLines[0], StringComparison.Ordinal);
        Assert.StartsWith("2025-01,,,closed,1,EUR,3,2,0,1,33.333333,50.000000,3,33.333333,0.666667,0.333333,0.333333,0,0.00,0,", csv.OutLines[1], StringComparison.Ordinal);

        var json = await _cli.RunAsync("loyalty", "--tenant", "acme", "--from", "2025-01", "--to", "2025-01", "--by", "plan", "--format", "json");
        var rows = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(["(none)"], rows.Select(row => row.GetProperty("segment").GetString()));

        var table = await _cli.RunAsync("loyalty", "--tenant", "acme", "--from", "2025-01", "--to", "2025-01");
        Assert.Equal("Loyalty of acme (EUR)", table.OutLines[0]);
        Assert.Contains("33.333333", table.OutLines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loyalty_UnknownTenant_ExitCode1()
    {
        var result = await _cli.RunAsync("loyalty", "--tenant", "nobody");

        Assert.Equal(1, result.ExitCode);
    }
}
