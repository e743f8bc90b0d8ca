using System.Text.Json;
using Pipeline.Application.Tests;
using Pipeline.Testing;

namespace Pipeline.Cli.Tests;

/// <summary>
/// <c>receivables</c> against a real Azurite: <see cref="SampleExports.ReceivableLines"/> and its Stripe payments ingested
/// for <c>acme</c>, the same figures the API's end-to-end test checks at the end of March 2025.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CliReceivablesCommandTests(AzuriteInstance azurite) : IDisposable
{
    private readonly CliRun _cli = new(azurite.ConnectionString);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Receivables_JsonCsvAndTable_AgedAsByHand()
    {
        await IngestAsync();

        var json = await _cli.RunAsync("receivables", "--tenant", "acme", "--as-of", "2025-03", "--format", "json");
        Assert.Equal((0, string.Empty), (json.ExitCode, json.Err));
        using var document = JsonDocument.Parse(json.Out);
        var row = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal(
            ("381.00", "200.00", "121.00", "60.00", "501.00", "69.2"),
            (row.GetProperty("total").GetRawText(), row.GetProperty("notYetDue").GetRawText(), row.GetProperty("days1To30").GetRawText(),
                row.GetProperty("days61To90").GetRawText(), row.GetProperty("invoicedLastThreeMonths").GetRawText(), row.GetProperty("dso").GetRawText()));

        var csv = await _cli.RunAsync("receivables", "--tenant", "acme", "--as-of", "2025-03", "--by", "segment", "--per", "customer", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "month,currency,customerId,name,dimension,segment,invoices,notYetDue,days1To30,days31To60,days61To90,over90,total,invoicedLastThreeMonths,dso,oldestDaysPastDue,closeVersion",
            lines[0]);
        Assert.Equal("2025-03,EUR,B,,segment,enterprise,1,200.00,0.00,0.00,0.00,0.00,200.00,280.00,65.0,-19,", lines[1]);
        Assert.Equal("2025-03,EUR,A,,segment,smb,2,0.00,121.00,0.00,60.00,0.00,181.00,221.00,74.5,75,", lines[2]);

        var table = await _cli.RunAsync("receivables", "--tenant", "acme", "--as-of", "2025-03", "--per", "invoice");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Receivables of acme at the end of 2025-03 (EUR)", table.Out, StringComparison.Ordinal);
        Assert.Contains(table.OutLines, line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["in_a2", "A", "past_due", "2025-01-01", "2025-01-15", "75", "days61To90", "60.00", "EUR", "60.00", "3"]);
    }

    private async Task IngestAsync()
    {
        var lines = await _cli.RunAsync("ingest", _cli.WriteFile("revenue.csv", SampleExports.ReceivableLines), "--tenant", "acme");
        var payments = await _cli.RunAsync("ingest", _cli.WriteFile("payments.csv", SampleExports.PaymentsOfReceivableLines), "--tenant", "acme");
        Assert.Equal((0, 0), (lines.ExitCode, payments.ExitCode));
    }
}
