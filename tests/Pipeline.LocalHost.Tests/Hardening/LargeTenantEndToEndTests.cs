using System.Globalization;
using System.Net;
using System.Text;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Hardening;

/// <summary>A tenant of 20,000 customers whose last invoices end before the open months (hardening issue, item 1).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LargeTenantEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const int Customers = 20_000;
    private LocalHostInstance _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TwentyThousandCustomersThenAMonthWithoutInvoices_AcceptedAndClosed()
    {
        await _host.DropAsync("big/revenue-2025-01.csv", RevenueLines());

        var imports = await _host.WaitForImportsAsync("big", rows => rows.Any(row => row.GetProperty("status").GetString() != "Processing"), seconds: 120);
        var import = Assert.Single(imports);
        Assert.Equal(("Accepted", Customers), (import.GetProperty("status").GetString(), import.GetProperty("rows").GetInt32()));

        using var close = await _host.Http.PostAsync(new Uri("/api/tenants/big/closes/2025-03", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);

        var rows = (await _host.GetJsonAsync("/api/tenants/big/kpis?from=2025-01&to=2025-03")).EnumerateArray().ToList();
        Assert.Equal(
            [("2025-01", "500000.00", Customers, 0), ("2025-02", "0.00", 0, Customers), ("2025-03", "0.00", 0, 0)],
            rows.Select(row => (
                row.GetProperty("month").GetString(), row.GetProperty("mrr").GetRawText(),
                row.GetProperty("customers").GetInt32(), row.GetProperty("churnedCustomers").GetInt32())));
    }

    /// <summary>One monthly January line of 25.00 per customer, nothing after.</summary>
    private static string RevenueLines()
    {
        var csv = new StringBuilder("customer_id,amount,currency,service_start,service_end\n");
        for (var number = 0; number < Customers; number++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"cus_{number:D5},25.00,EUR,2025-01-01,2025-02-01\n");
        }

        return csv.ToString();
    }
}
