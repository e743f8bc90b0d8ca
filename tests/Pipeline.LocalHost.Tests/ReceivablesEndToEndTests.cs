using System.Net;
using System.Text.Json;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests;

/// <summary>
/// Receivables (METRICS.md §10) end to end on Azurite: revenue lines with invoice statuses and dates and a Stripe payments
/// export dropped as exports, then <c>/receivables</c> read in JSON and CSV at the end of March 2025.
/// </summary>
/// <remarks>
/// By hand, at 2025-03-31 24:00 UTC: in_a1 (A, smb) open, 100.00 + 21.00 tax, due 03-24: 121.00, 7 days past due;
/// in_a2 (A) past due, 100.00 due 01-15, 40.00 paid 02-01: 60.00, 75 days; in_b1 (B, enterprise) paid on 04-05, after
/// the month end, 200.00 due 04-19: not yet due; in_b2 (B) paid, no payment in the export: nothing outstanding.
/// Total 381.00; invoiced January–March 121 + 100 + 200 + 80 = 501.00; DSO 381 ÷ 501 × 91 = 69.2. Per segment: smb
/// 181.00 of 221.00 (DSO 74.5), enterprise 200.00 of 280.00 (DSO 65.0).
/// </remarks>
[Collection(AzuriteCollection.Name)]
public sealed class ReceivablesEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string RevenueLines = Pipeline.Application.Tests.SampleExports.ReceivableLines;

    private const string StripePayments = Pipeline.Application.Tests.SampleExports.PaymentsOfReceivableLines;

    private LocalHostInstance _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);
        await _host.DropAsync("acme/revenue.csv", RevenueLines);
        await _host.DropAsync("acme/payments.csv", StripePayments);
        var imports = await _host.WaitForImportsAsync("acme", rows => rows.Count == 2 && rows.All(row => row.GetProperty("status").GetString() != "Processing"));
        Assert.All(imports, import => Assert.Equal("Accepted", import.GetProperty("status").GetString()));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Receivables_AgedAtTheMonthEnd_WithDso()
    {
        var rows = (await _host.GetJsonAsync("/api/tenants/acme/receivables?asOf=2025-03")).EnumerateArray().ToList();

        var row = Assert.Single(rows);
        Assert.Equal(
            ("2025-03", "EUR", "all", "all", 2, 3),
            (row.GetProperty("month").GetString(), row.GetProperty("currency").GetString(), row.GetProperty("dimension").GetString(),
                row.GetProperty("segment").GetString(), row.GetProperty("customers").GetInt32(), row.GetProperty("invoices").GetInt32()));
        Assert.Equal(
            ["200.00", "121.00", "0.00", "60.00", "0.00", "381.00", "501.00", "69.2", "75"],
            Figures(row, "notYetDue", "days1To30", "days31To60", "days61To90", "over90", "total", "invoicedLastThreeMonths", "dso", "oldestDaysPastDue"));
    }

    [Fact]
    public async Task Receivables_BySegment_AndPerCustomer()
    {
        var segments = (await _host.GetJsonAsync("/api/tenants/acme/receivables?asOf=2025-03&by=segment")).EnumerateArray().ToList();

        Assert.Equal(["enterprise", "smb"], segments.Select(row => row.GetProperty("segment").GetString()!).ToArray());
        Assert.Equal(["200.00", "280.00", "65.0"], Figures(segments[0], "total", "invoicedLastThreeMonths", "dso"));
        Assert.Equal(["181.00", "221.00", "74.5"], Figures(segments[1], "total", "invoicedLastThreeMonths", "dso"));

        var customers = (await _host.GetJsonAsync("/api/tenants/acme/receivables?asOf=2025-03&by=segment&per=customer")).EnumerateArray().ToList();
        Assert.Equal(["B", "A"], customers.Select(row => row.GetProperty("customerId").GetString()!).ToArray());
        Assert.Equal(["smb", "181.00", "121.00", "60.00", "75"], Figures(customers[1], "segment", "total", "days1To30", "days61To90", "oldestDaysPastDue"));

        var smb = (await _host.GetJsonAsync("/api/tenants/acme/receivables?asOf=2025-03&by=segment&segment=smb&per=customer")).EnumerateArray().ToList();
        Assert.Equal(["A"], smb.Select(row => row.GetProperty("customerId").GetString()!).ToArray());
    }

    [Fact]
    public async Task Receivables_PerInvoice_AsCsv_TracesEachBalance()
    {
        var csv = (await _host.GetTextAsync("/api/tenants/acme/receivables?asOf=2025-03&per=invoice&format=csv")).Split("\r\n");

        Assert.Equal(
            "month,currency,invoiceId,customerId,dimension,segment,status,issuedOn,dueOn,daysPastDue,bucket,invoiceCurrency,total,paidByMonthEnd,balance,reportedBalance,rowNumber,closeVersion",
            csv[0]);
        Assert.Equal("2025-03,EUR,in_a2,A,all,all,past_due,2025-01-01,2025-01-15,75,days61To90,EUR,100.00,40.00,60.00,60.00,3,", csv[1]);
        Assert.Equal("2025-03,EUR,in_a1,A,all,all,open,2025-03-10,2025-03-24,7,days1To30,EUR,121.00,0.00,121.00,121.00,2,", csv[2]);
        Assert.Equal("2025-03,EUR,in_b1,B,all,all,paid,2025-03-20,2025-04-19,-19,notYetDue,EUR,200.00,0.00,200.00,200.00,4,", csv[3]);
        Assert.Equal(5, csv.Length); // the header, three invoices and the final line break
    }

    [Fact]
    public async Task Receivables_OfAClosedMonth_StayAsClosed_WhenALatePaymentArrives()
    {
        using (var close = await _host.PostAsync("/api/tenants/acme/closes/2025-03"))
        {
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        }

        // in_a1 (121.00) turns out to have been paid on 28 March: the current ledger owes 260.00 at the end of March,
        // the closed March (version 1) still says 381.00, until it is reopened.
        await _host.DropAsync("acme/late-payments.csv",
            "id,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Status,Customer ID,Customer Description,Customer Email,Captured,Invoice ID\n"
            + "ch_a1,2025-03-28 10:00,121.00,0.00,eur,121.00,Paid,A,,,true,in_a1\n");
        await _host.WaitForImportsAsync("acme", rows => rows.Count == 3 && rows.All(row => row.GetProperty("status").GetString() != "Processing"));

        var closed = Assert.Single((await _host.GetJsonAsync("/api/tenants/acme/receivables?asOf=2025-03")).EnumerateArray());
        Assert.Equal(["381.00", "1"], Figures(closed, "total", "closeVersion"));

        using (var reopen = await _host.PostAsync("/api/tenants/acme/closes/2025-03/reopen", """{"reason": "payment of in_a1 exported late"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        }

        var current = Assert.Single((await _host.GetJsonAsync("/api/tenants/acme/receivables?asOf=2025-03")).EnumerateArray());
        Assert.Equal(["260.00", "null"], Figures(current, "total", "closeVersion"));
        var versionOne = Assert.Single((await _host.GetJsonAsync("/api/tenants/acme/receivables?asOf=2025-03&version=1")).EnumerateArray());
        Assert.Equal(["381.00", "1"], Figures(versionOne, "total", "closeVersion"));
    }

    [Fact]
    public async Task Receivables_BadValues_Are400_UnknownTenant404()
    {
        using var level = await _host.Http.GetAsync(new Uri("/api/tenants/acme/receivables?per=month", UriKind.Relative));
        using var dimension = await _host.Http.GetAsync(new Uri("/api/tenants/acme/receivables?by=tier", UriKind.Relative));
        using var segment = await _host.Http.GetAsync(new Uri("/api/tenants/acme/receivables?segment=smb", UriKind.Relative));
        using var notEnded = await _host.Http.GetAsync(new Uri("/api/tenants/acme/receivables?asOf=2999-01", UriKind.Relative));
        using var unknown = await _host.Http.GetAsync(new Uri("/api/tenants/nobody/receivables", UriKind.Relative));

        Assert.Equal(
            [HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound],
            new[] { level.StatusCode, dimension.StatusCode, segment.StatusCode, notEnded.StatusCode, unknown.StatusCode });
        Assert.Equal("application/problem+json", level.Content.Headers.ContentType?.MediaType);
        Assert.Contains("per 'month' is not a level", await level.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string[] Figures(JsonElement row, params string[] names) =>
        [.. names.Select(name => row.GetProperty(name) is { ValueKind: JsonValueKind.String } text ? text.GetString()! : row.GetProperty(name).GetRawText())];
}
