using System.Net;
using System.Text.Json;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Formats;

/// <summary>
/// The Stripe Dashboard exports (<c>tests/Fixtures/exports/stripe</c>, figures in its README) dropped into Azurite as a
/// finance user would: two monthly subscription snapshots in order, then customers, invoices and payments.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StripeEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string Tenant = "stripeco";

    private LocalHostInstance _host = null!;
    private readonly Dictionary<string, JsonElement> _imports = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);
        await WaitAcceptedAsync("rates.csv", () => _host.DropAsync($"{Tenant}/rates.csv", VendorExports.Rates));
        await DropAndWaitAsync("subscriptions-2025-03.csv");
        // Snapshot history orders snapshots by blob LastModified: the April export must arrive after March's.
        await DropAndWaitAsync("subscriptions-2025-04.csv");
        await DropAndWaitAsync("customers.csv");
        await DropAndWaitAsync("invoices.csv");
        await DropAndWaitAsync("payments.csv");
        using var close = await _host.Http.PostAsync(new Uri($"/api/tenants/{Tenant}/closes/2025-06", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Kpis_TwoSnapshots_HandComputedMrrPerMonthWithUpgradeDowngradeTrialAndCancellations()
    {
        var rows = (await _host.GetJsonAsync($"/api/tenants/{Tenant}/kpis?from=2025-01&to=2025-06")).EnumerateArray().ToList();

        Assert.Equal(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"], rows.Select(row => row.GetProperty("month").GetString()!).ToArray());
        Assert.Equal(["419.00", "589.00", "529.00", "579.00", "499.00", "499.00"], rows.Select(row => row.GetProperty("mrr").GetRawText()).ToArray());
        // April: alpha's upgrade +50, eps's trial converts +40, zeta's downgrade −40.
        Assert.Equal(("40.00", "50.00", "40.00"), (rows[3].GetProperty("newMrr").GetRawText(), rows[3].GetProperty("expansionMrr").GetRawText(), rows[3].GetProperty("contractionMrr").GetRawText()));
        Assert.Equal("60.00", rows[2].GetProperty("churnedMrr").GetRawText());
        Assert.Equal("80.00", rows[4].GetProperty("churnedMrr").GetRawText());
        Assert.Equal("EUR:459.00;USD:50.00", rows[5].GetProperty("nativeMrr").GetString());
    }

    [Fact]
    public async Task Kpis_ScheduledCancellation_CmrrOfAprilLeavesItOut()
    {
        var april = await _host.GetJsonAsync($"/api/tenants/{Tenant}/kpis/2025-04");

        Assert.Equal(("579.00", "499.00"), (april.GetProperty("mrr").GetRawText(), april.GetProperty("cmrr").GetRawText()));
    }

    [Fact]
    public async Task KpisByChannel_ChannelsFromCustomerMetadata()
    {
        var rows = (await _host.GetJsonAsync($"/api/tenants/{Tenant}/kpis?by=channel&from=2025-06&to=2025-06")).EnumerateArray().ToList();

        var mrr = rows.Where(row => row.GetProperty("mrr").GetDecimal() > 0m)
            .ToDictionary(row => row.GetProperty("segment").GetString()!, row => row.GetProperty("mrr").GetDecimal(), StringComparer.Ordinal);
        Assert.Equal(
            new Dictionary<string, decimal>(StringComparer.Ordinal)
            {
                ["google_ads"] = 139m, ["linkedin_ads"] = 130m, ["meta_ads"] = 100m, ["organic"] = 90m, ["microsoft_ads"] = 40m,
            },
            mrr);
        Assert.Equal(499m, rows.Sum(row => row.GetProperty("mrr").GetDecimal()));
    }

    [Fact]
    public async Task Imports_EachFileAcceptedWithItsFormatAndCounts()
    {
        Assert.Equal(("stripe-subscriptions", 9, 8, 9), Counts("subscriptions-2025-03.csv", "revenueLines"));
        Assert.Equal(("stripe-subscriptions", 9, 8, 9), Counts("subscriptions-2025-04.csv", "revenueLines"));
        Assert.Equal(("stripe-customers", 9, 0, 9), Counts("customers.csv", "revenueLines"));
        Assert.Equal(("stripe-invoices", 6, 6, 4), Counts("invoices.csv", "invoices"));
        Assert.Equal(("stripe-payments", 6, 8, 4), Counts("payments.csv", "moneyMovements"));
        var april = await _host.GetJsonAsync($"/api/tenants/{Tenant}/imports/{_imports["subscriptions-2025-04.csv"].GetProperty("id").GetString()}");
        Assert.Contains(
            "1 subscription(s) with status incomplete or incomplete_expired were never paid and give no MRR.",
            april.GetProperty("warnings").EnumerateArray().Select(warning => warning.GetString()));
    }

    private (string? Format, int Rows, int Records, int Customers) Counts(string fileName, string records)
    {
        var detail = _imports[fileName];
        Assert.Equal(("Accepted", 0), (detail.GetProperty("status").GetString(), detail.GetProperty("rowErrors").GetInt32()));
        return (detail.GetProperty("format").GetString(), detail.GetProperty("rows").GetInt32(),
            detail.GetProperty(records).GetInt32(), detail.GetProperty("customers").GetInt32());
    }

    private Task DropAndWaitAsync(string fileName) =>
        WaitAcceptedAsync(fileName, () => _host.DropFixtureAsync($"{Tenant}/{fileName}", "stripe", fileName));

    private async Task WaitAcceptedAsync(string fileName, Func<Task> drop)
    {
        await drop();
        var imports = await _host.WaitForImportsAsync(Tenant, rows => rows.Any(row => IsFinished(row, fileName)));
        var id = imports.First(row => IsFinished(row, fileName)).GetProperty("id").GetString();
        _imports[fileName] = await _host.GetJsonAsync($"/api/tenants/{Tenant}/imports/{id}");
        Assert.Equal("Accepted", _imports[fileName].GetProperty("status").GetString());
    }

    private static bool IsFinished(JsonElement import, string fileName) =>
        import.GetProperty("fileName").GetString() == fileName && import.GetProperty("status").GetString() != "Processing";
}
