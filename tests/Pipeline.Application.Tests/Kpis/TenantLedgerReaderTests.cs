using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Kpis;

/// <summary>The ledger reader applies corrections across imports in received order (METRICS.md §1, Corrections).</summary>
/// <remarks>
/// The files are named so that neither their names nor their import ids (content hashes) sort in received order: only
/// the order they arrived in decides which version of a line counts. January: S 100 (line s1) and C 50 (line c1).
/// </remarks>
public sealed class TenantLedgerReaderTests : IDisposable
{
    private const string Header = "line_id,customer_id,invoice_id,subscription_id,amount,currency,interval,service_start,service_end,status";

    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth January = new(2025, 1);
    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 2, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ReadAsync_LineSentAgainInLaterImports_NewestReceivedVersionIsTheOneInTheLedger()
    {
        await IngestAsync("acme/z-january.csv",
            "s1,S,in_s1,sub_s,100.00,EUR,month,2025-01-01,2025-02-01,paid",
            "c1,C,in_c1,sub_c,50.00,EUR,month,2025-01-01,2025-02-01,paid");
        Assert.Equal([(DocumentStatus.Paid, 100m)], await VersionsOfS1Async());

        await IngestAsync("acme/a-void.csv", "s1,S,in_s1,sub_s,100.00,EUR,month,2025-01-01,2025-02-01,void");
        Assert.Equal([(DocumentStatus.Void, 100m)], await VersionsOfS1Async());
        Assert.Equal(50m, await ProvisionalJanuaryMrrAsync());

        await IngestAsync("acme/m-reissued.csv", "s1,S,in_s1,sub_s,90.00,EUR,month,2025-01-01,2025-02-01,paid");
        Assert.Equal([(DocumentStatus.Paid, 90m)], await VersionsOfS1Async());
        Assert.Equal(140m, await ProvisionalJanuaryMrrAsync());

        var ledger = await _pipeline.Get<TenantLedgerReader>().ReadAsync(Acme, CancellationToken.None);
        Assert.Equal(["C", "S"], ledger.Lines.Select(line => line.CustomerId).Order(StringComparer.Ordinal));
        Assert.Equal(3, ledger.ImportIds.Count);
    }

    [Fact]
    public async Task ReadAsync_SameLineIdInACanonicalFileAndAStripeSigmaFile_BothLinesCount()
    {
        await IngestAsync("acme/canonical.csv", "il_1Q0001LINE,S,in_s1,sub_s,100.00,EUR,month,2025-01-01,2025-02-01,paid");
        await IngestRawAsync("acme/sigma.csv",
            """
            id,invoice_id,invoice_number,invoice_created,invoice_status,customer_id,customer_email,subscription_id,subscription_item_id,price_id,product_name,description,source_type,proration,quantity,amount,discount_amount,tax_amount,currency,period_start,period_end,price_type,recurring_interval,recurring_interval_count
            il_1Q0001LINE,in_1Q0001INV,A001-0001,2025-01-01 00:00:05,void,cus_A001,anna@alpha.example,sub_A001,si_A001,price_basic_m,Basic,1 × Basic,subscription,false,1,5000,0,0,eur,2025-01-01 00:00:00,2025-02-01 00:00:00,recurring,month,1

            """);

        var ledger = await _pipeline.Get<TenantLedgerReader>().ReadAsync(Acme, CancellationToken.None);

        Assert.Equal(
            [("S", DocumentStatus.Paid, 100m), ("cus_A001", DocumentStatus.Void, 50m)],
            ledger.Lines.Select(line => (line.CustomerId, line.Status, line.Amount)).OrderBy(line => line.CustomerId, StringComparer.Ordinal));
        Assert.Equal(100m, await ProvisionalJanuaryMrrAsync());
    }

    public void Dispose() => _pipeline.Dispose();

    private Task IngestAsync(string name, params string[] rows) =>
        IngestRawAsync(name, string.Join('\n', [Header, .. rows, string.Empty]));

    private async Task IngestRawAsync(string name, string content)
    {
        _pipeline.Clock.Advance(TimeSpan.FromMinutes(5));
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(_pipeline.Inbox.Put(name, content), CancellationToken.None);
        Assert.True(record.Status == ImportStatus.Accepted, $"{name}: {record.Status} {record.Reason}");
    }

    private async Task<List<(DocumentStatus Status, decimal Amount)>> VersionsOfS1Async()
    {
        var ledger = await _pipeline.Get<TenantLedgerReader>().ReadAsync(Acme, CancellationToken.None);
        return ledger.Lines.Where(line => line.CustomerId == "S").Select(line => (line.Status, line.Amount)).ToList();
    }

    /// <summary>January as the refresh after the last import published it: the import's own refresh must see its corrections.</summary>
    private async Task<decimal> ProvisionalJanuaryMrrAsync() =>
        (await _pipeline.Get<KpiQueryService>().FindAsync(Acme, January, CancellationToken.None))!.Kpis.Mrr;
}
