using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Formats;

/// <summary>The Stripe Sigma invoice-lines fixture dropped through the local host into Azurite, with its MRR read back over HTTP.</summary>
/// <remarks>Figures from <c>tests/Fixtures/exports/stripe-sigma/README.md</c>; the rates file makes ¥4,800 worth 30.00 EUR.</remarks>
[Collection(AzuriteCollection.Name)]
public sealed class StripeInvoiceLinesEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string Rates =
        """
        date,base,quote,rate
        2025-01-31,EUR,JPY,160
        2025-02-28,EUR,JPY,160
        2025-03-31,EUR,JPY,160
        2025-04-30,EUR,JPY,160
        2025-05-31,EUR,JPY,160
        2025-06-30,EUR,JPY,160
        2025-07-31,EUR,JPY,160

        """;

    private LocalHostInstance _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task InvoiceLines_AcceptedAndMrrPerMonthAsComputedByHand()
    {
        await _host.DropAsync("stripe/rates.csv", Rates);
        await _host.DropFixtureAsync("stripe/invoice-lines.csv", "stripe-sigma", "invoice-lines.csv");

        var imports = await _host.WaitForImportsAsync("stripe", rows => rows.Count == 2 && rows.All(row => row.GetProperty("status").GetString() != "Processing"));

        Assert.All(imports, import => Assert.Equal("Accepted", import.GetProperty("status").GetString()));
        var lines = imports.Single(import => import.GetProperty("fileName").GetString() == "invoice-lines.csv");
        Assert.Equal(("stripe-invoice-lines", 41), (lines.GetProperty("format").GetString(), lines.GetProperty("rows").GetInt32()));
        var rows = (await _host.GetJsonAsync("/api/tenants/stripe/kpis?from=2025-01&to=2025-07")).EnumerateArray().ToList();
        Assert.Equal(["530.00", "619.00", "619.00", "469.00", "469.00", "269.00", "90.00"],
            rows.Select(row => row.GetProperty("mrr").GetRawText()).ToArray());
        Assert.Equal("EUR:500.00;JPY:4800", rows[0].GetProperty("nativeMrr").GetString());
    }
}
