using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Imports;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests;

/// <summary>
/// Invoice records and money movements in the ledger (Azurite): they change MRR as METRICS.md §1 says and are served
/// as cash over HTTP.
/// </summary>
/// <remarks>
/// Lines (EUR, monthly, each invoice one month January–April): A 100 (in_a1…4), B 200 (in_b1…4), C 50 (in_c1…4).
/// The payments/invoices batch (no parser emits one yet, so it is written through the host's own ledger store and
/// import log): in_a2 void; ch_a1 +100 EUR and ch_b1 +200 EUR on 1 Jan; ch_u1 +100 USD on 2 Jan; re_c2 −20 EUR on
/// 20 Feb (partial, timing estimated); ch_b3 +200 EUR on 1 Mar; re_b3 −200 EUR on 15 Mar, a full refund of in_b3.
/// By hand: MRR Jan 350, Feb 250 (A's void month, Churn 100), Mar 150 (A back +100, B refunded from 15 Mar, Churn 200),
/// Apr 350 (B back, Reactivation 200). Cash: Jan EUR +300 (2), Jan USD +100 (1), Feb EUR −20 (1), Mar EUR 200 − 200 = 0 (2).
/// </remarks>
[Collection(AzuriteCollection.Name)]
public sealed class PaymentsEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string RevenueLines = Pipeline.Application.Tests.SampleExports.InvoicedLines;

    private static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    private LocalHostInstance _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);
        await WritePaymentsBatchAsync();
        await _host.DropAsync("acme/revenue.csv", RevenueLines);
        var imports = await _host.WaitForImportsAsync("acme", rows => rows.Count == 2 && rows.All(row => row.GetProperty("status").GetString() != "Processing"));
        Assert.All(imports, import => Assert.Equal("Accepted", import.GetProperty("status").GetString()));
        using var close = await _host.Http.PostAsync(new Uri("/api/tenants/acme/closes/2025-05", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Kpis_VoidInvoiceAndFullRefund_ChurnAndReactivation()
    {
        var rows = (await _host.GetJsonAsync("/api/tenants/acme/kpis?from=2025-01&to=2025-05")).EnumerateArray().ToList();

        Assert.Equal(["350.00", "250.00", "150.00", "350.00", "0.00"], Figures(rows, "mrr"));
        Assert.Equal(["0.00", "100.00", "200.00", "0.00", "350.00"], Figures(rows, "churnedMrr"));
        Assert.Equal(["0.00", "0.00", "100.00", "200.00", "0.00"], Figures(rows, "reactivationMrr"));
    }

    [Fact]
    public async Task Payments_ListsMovementsOfTheRangeOldestFirst()
    {
        var rows = (await _host.GetJsonAsync("/api/tenants/acme/payments?from=2025-01&to=2025-03")).EnumerateArray().ToList();

        Assert.Equal(["ch_a1", "ch_b1", "ch_u1", "re_c2", "ch_b3", "re_b3"], rows.Select(row => row.GetProperty("key").GetString()!).ToArray());
        var refund = rows[5];
        Assert.Equal(
            ("2025-03", "refund", "B", "in_b3", "-200.00", "EUR", "2025-03-15T00:00:00+00:00", false, true, "succeeded"),
            (refund.GetProperty("month").GetString(), refund.GetProperty("type").GetString(), refund.GetProperty("customerId").GetString(),
                refund.GetProperty("invoiceId").GetString(), refund.GetProperty("amount").GetRawText(), refund.GetProperty("currency").GetString(),
                refund.GetProperty("occurredAt").GetString(), refund.GetProperty("timingEstimated").GetBoolean(),
                refund.GetProperty("fullRefund").GetBoolean(), refund.GetProperty("status").GetString()));
        Assert.True(rows[3].GetProperty("timingEstimated").GetBoolean());
        Assert.Equal(
            ["month", "key", "type", "customerId", "invoiceId", "amount", "currency", "occurredAt", "timingEstimated", "fullRefund", "status"],
            rows[0].EnumerateObject().Select(property => property.Name).ToArray());

        var february = (await _host.GetJsonAsync("/api/tenants/acme/payments?from=2025-02&to=2025-02")).EnumerateArray().ToList();
        Assert.Equal(["re_c2"], february.Select(row => row.GetProperty("key").GetString()!).ToArray());
        var refunds = (await _host.GetJsonAsync("/api/tenants/acme/payments?type=refund")).EnumerateArray().ToList();
        Assert.Equal(["re_c2", "re_b3"], refunds.Select(row => row.GetProperty("key").GetString()!).ToArray());
    }

    [Fact]
    public async Task PaymentsByMonth_TotalsPerMonthAndCurrency_JsonAndCsv()
    {
        var rows = (await _host.GetJsonAsync("/api/tenants/acme/payments?from=2025-01&to=2025-03&by=month")).EnumerateArray().ToList();

        Assert.Equal(
            [("2025-01", "EUR", "300.00", "0.00", "300.00", 2), ("2025-01", "USD", "100.00", "0.00", "100.00", 1),
                ("2025-02", "EUR", "0.00", "-20.00", "-20.00", 1), ("2025-03", "EUR", "200.00", "-200.00", "0.00", 2)],
            rows.Select(row => (row.GetProperty("month").GetString(), row.GetProperty("currency").GetString(), row.GetProperty("payments").GetRawText(),
                row.GetProperty("refunds").GetRawText(), row.GetProperty("net").GetRawText(), row.GetProperty("movements").GetInt32())).ToArray());

        var csv = (await _host.GetTextAsync("/api/tenants/acme/payments?from=2025-01&to=2025-03&by=month&format=csv")).Split("\r\n");
        Assert.Equal("month,currency,payments,refunds,creditNotes,chargebacks,failedPayments,net,movements", csv[0]);
        Assert.Equal("2025-03,EUR,200.00,-200.00,0.00,0.00,0.00,0.00,2", csv[4]);
    }

    [Fact]
    public async Task Payments_Csv_SameColumnsAsJson()
    {
        var csv = (await _host.GetTextAsync("/api/tenants/acme/payments?from=2025-03&to=2025-03&format=csv")).Split("\r\n");

        Assert.Equal("month,key,type,customerId,invoiceId,amount,currency,occurredAt,timingEstimated,fullRefund,status", csv[0]);
        Assert.Equal("2025-03,re_b3,refund,B,in_b3,-200.00,EUR,2025-03-15T00:00:00.000Z,false,true,succeeded", csv[2]);
    }

    [Theory]
    [InlineData("/api/tenants/acme/payments?from=2025-13", "from '2025-13' is not a month")]
    [InlineData("/api/tenants/acme/payments?from=2025-04&to=2025-01", "from 2025-04 is after to 2025-01")]
    [InlineData("/api/tenants/acme/payments?type=dividend", "type 'dividend' is not a money movement")]
    [InlineData("/api/tenants/acme/payments?by=customer", "by 'customer' is not supported")]
    [InlineData("/api/tenants/acme/payments?format=xml", "format 'xml' is not supported")]
    public async Task Payments_BadQueryValue_400ProblemDetails(string path, string detail)
    {
        using var response = await _host.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = LocalHostInstance.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payments_UnknownTenant_404()
    {
        using var response = await _host.Http.GetAsync(new Uri("/api/tenants/nobody/payments", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string[] Figures(List<JsonElement> rows, string name) => rows.Select(row => row.GetProperty(name).GetRawText()).ToArray();

    private static MoneyMovement Movement(string key, string customer, string invoice, decimal amount, CurrencyCode currency, int month, int day) => new()
    {
        MovementKey = key,
        Type = amount < 0m ? MoneyMovementType.Refund : MoneyMovementType.Payment,
        CustomerId = customer,
        InvoiceId = invoice,
        Amount = amount,
        Currency = currency,
        OccurredAt = new DateTimeOffset(2025, month, day, 0, 0, 0, TimeSpan.Zero),
        Status = "succeeded",
    };

    private async Task WritePaymentsBatchAsync()
    {
        var tenant = TenantId.Parse("acme");
        var batch = new LedgerBatch([], [])
        {
            Documents = [new InvoiceDocument { InvoiceId = "in_a2", CustomerId = "A", Status = DocumentStatus.Void }],
            Movements =
            [
                Movement("ch_a1", "A", "in_a1", 100m, Eur, 1, 1),
                Movement("ch_b1", "B", "in_b1", 200m, Eur, 1, 1),
                Movement("ch_u1", "U", "in_u1", 100m, Usd, 1, 2),
                Movement("re_c2", "C", "in_c2", -20m, Eur, 2, 20) with { TimingEstimated = true },
                Movement("ch_b3", "B", "in_b3", 200m, Eur, 3, 1),
                Movement("re_b3", "B", "in_b3", -200m, Eur, 3, 15) with { IsFullRefund = true },
            ],
        };
        await _host.Services.GetRequiredService<ILedgerStore>().WriteAsync(tenant, "payments1", batch, CancellationToken.None);
        var received = new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero);
        await _host.Services.GetRequiredService<IImportLog>().SaveAsync(
            new ImportRecord
            {
                Tenant = tenant,
                ImportId = "payments1",
                BlobName = "acme/payments.csv",
                BlobETag = "\"0x1\"",
                ContentHash = "payments1",
                Status = ImportStatus.Accepted,
                ReceivedAt = received,
                CompletedAt = received,
                Format = "test-payments",
            },
            CancellationToken.None);
    }
}
