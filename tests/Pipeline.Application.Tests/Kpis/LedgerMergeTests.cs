using System.Security.Cryptography;
using System.Text;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Ledger;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Kpis;

/// <summary>Invoice records and refunds from later imports change the status of the revenue lines they concern.</summary>
/// <remarks>
/// Three EUR customers invoiced monthly January–April, each invoice <c>[1st, 1st of next month)</c>: A 100 (in_a1…in_a4),
/// B 200 (in_b1…in_b4), C 50 (in_c1…in_c4). Without other records MRR is 350 every month, 0 in May.
/// The invoices/payments batch: in_a2 void; in_b3 fully refunded on 15 March; in_c2 refunded 20 of 50 (partial);
/// in_c3 paid. By hand:
/// Jan 350 (New 350). Feb: A has no counting line → 250, Churn 100. Mar: A back (Reactivation 100), B's line
/// stops on 15 March → 150, Churn 200. Apr: B back → 350, Reactivation 200. May: all end, Churn 350.
/// </remarks>
public sealed class LedgerMergeTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");
    private static readonly BillingMonth January = new(2025, 1);
    private static readonly BillingMonth May = new(2025, 5);
    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 6, 10, 9, 0, 0, TimeSpan.Zero));

    private const string RevenueLines = SampleExports.InvoicedLines;

    [Fact]
    public async Task CloseThroughAsync_LinesOnly_350EveryMonth()
    {
        await IngestLinesAsync();

        var rows = await CloseAsync();

        Assert.Equal([350m, 350m, 350m, 350m, 0m], rows.Select(kpis => kpis.Mrr).ToArray());
    }

    [Fact]
    public async Task CloseThroughAsync_VoidInvoiceAndFullRefund_ChurnAndReactivateAsHandComputed()
    {
        await IngestLinesAsync();
        AddBatch("payments", new LedgerBatch([], [])
        {
            Documents = [Document("in_a2", DocumentStatus.Void), Document("in_c3", DocumentStatus.Paid)],
            Movements =
            [
                Movement("re_b3", "B", "in_b3", -200m, On(3, 15), fullRefund: true),
                Movement("re_c2", "C", "in_c2", -20m, On(2, 20), fullRefund: false),
            ],
        });

        var rows = await CloseAsync();

        Assert.Equal([350m, 250m, 150m, 350m, 0m], rows.Select(kpis => kpis.Mrr).ToArray());
        Assert.Equal([350m, 0m, 0m, 0m, 0m], rows.Select(kpis => kpis.NewMrr).ToArray());
        Assert.Equal([0m, 100m, 200m, 0m, 350m], rows.Select(kpis => kpis.ChurnedMrr).ToArray());
        Assert.Equal([0m, 0m, 100m, 200m, 0m], rows.Select(kpis => kpis.ReactivationMrr).ToArray());
        Assert.Equal([0m, 0m, 0m, 0m, 0m], rows.Select(kpis => kpis.ContractionMrr).ToArray());
        Assert.Equal([3, 2, 2, 3, 0], rows.Select(kpis => kpis.Customers).ToArray());
    }

    [Fact]
    public async Task CloseThroughAsync_PartialRefundAndPaidInvoicesOnly_ChangeNothing()
    {
        await IngestLinesAsync();
        AddBatch("payments", new LedgerBatch([], [])
        {
            Documents = [Document("in_b3", DocumentStatus.Paid), Document("in_unknown", DocumentStatus.Void)],
            Movements =
            [
                Movement("re_c2", "C", "in_c2", -49.99m, On(2, 20), fullRefund: false),
                Movement("ch_b3", "B", "in_b3", 200m, On(3, 1), fullRefund: false, MoneyMovementType.Payment),
                Movement("re_x", "C", null, -50m, On(3, 2), fullRefund: true),
            ],
        });

        var rows = await CloseAsync();

        Assert.Equal([350m, 350m, 350m, 350m, 0m], rows.Select(kpis => kpis.Mrr).ToArray());
    }

    [Fact]
    public async Task ReadAsync_LaterInvoiceRecordWins_AndCreditNoteForTheFullInvoiceRefundsFromItsDate()
    {
        await IngestLinesAsync();
        AddBatch("invoices-1", new LedgerBatch([], []) { Documents = [Document("in_a3", DocumentStatus.Void)] });
        AddBatch("invoices-2", new LedgerBatch([], [])
        {
            Documents = [Document("in_a3", DocumentStatus.Open) with { DueAt = On(3, 10) }],
            Movements = [Movement("cn_c4", "C", "in_c4", -50m, On(4, 30), fullRefund: true, MoneyMovementType.CreditNote)],
        });

        var ledger = await _pipeline.Get<TenantLedgerReader>().ReadAsync(Acme, CancellationToken.None);

        var a3 = ledger.Lines.Single(line => line.CustomerId == "A" && line.ServiceStart.Month == 3);
        Assert.Equal((DocumentStatus.Open, On(3, 10)), (a3.Status, a3.DueAt));
        var c4 = ledger.Lines.Single(line => line.CustomerId == "C" && line.ServiceStart.Month == 4);
        Assert.Equal((DocumentStatus.Refunded, On(4, 30)), (c4.Status, c4.RefundedAt));
        Assert.Equal(DocumentStatus.Paid, ledger.Lines.Single(line => line.CustomerId == "C" && line.ServiceStart.Month == 3).Status);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', ledger.ImportIds))));
        Assert.Equal(expected, ledger.InputsFingerprint);
        Assert.Equal(3, ledger.ImportIds.Count);
    }

    [Fact]
    public async Task CloseThroughAsync_OpenInvoicePastDelinquencyLimit_DelinquentChurn()
    {
        await IngestLinesAsync();

        // in_b3 open, due 1 March: 30 days later (31 March) T_Mar is past the limit, so B's March line drops out.
        AddBatch("invoices", new LedgerBatch([], []) { Documents = [Document("in_b3", DocumentStatus.Open) with { DueAt = On(3, 1) }] });

        var rows = await CloseAsync();

        Assert.Equal([350m, 350m, 150m, 350m, 0m], rows.Select(kpis => kpis.Mrr).ToArray());
        Assert.Equal(200m, rows[2].DelinquentChurnedMrr);
    }

    public void Dispose() => _pipeline.Dispose();

    private static DateTimeOffset On(int month, int day) => new(2025, month, day, 0, 0, 0, TimeSpan.Zero);

    private static InvoiceDocument Document(string invoiceId, DocumentStatus status) => new() { InvoiceId = invoiceId, Status = status };

    private static MoneyMovement Movement(
        string key,
        string customer,
        string? invoice,
        decimal amount,
        DateTimeOffset at,
        bool fullRefund,
        MoneyMovementType type = MoneyMovementType.Refund) => new()
        {
            MovementKey = key,
            Type = type,
            CustomerId = customer,
            InvoiceId = invoice,
            Amount = amount,
            Currency = Eur,
            OccurredAt = at,
            IsFullRefund = fullRefund,
        };

    private async Task IngestLinesAsync()
    {
        _pipeline.Clock.Advance(TimeSpan.FromSeconds(1));
        var record = await _pipeline.Get<ExportIngestionService>()
            .IngestAsync(_pipeline.Inbox.Put("acme/revenue.csv", RevenueLines), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }

    /// <summary>An accepted import whose batch holds only invoice records and money movements (no parser emits them yet).</summary>
    private void AddBatch(string importId, LedgerBatch batch)
    {
        _pipeline.Clock.Advance(TimeSpan.FromSeconds(1));
        var now = _pipeline.Clock.GetUtcNow();
        _pipeline.Ledger.WriteAsync(Acme, importId, batch, CancellationToken.None).GetAwaiter().GetResult();
        _pipeline.Imports.SaveAsync(
            new ImportRecord
            {
                Tenant = Acme,
                ImportId = importId,
                BlobName = $"acme/{importId}.csv",
                BlobETag = "\"0x1\"",
                ContentHash = importId,
                Status = ImportStatus.Accepted,
                ReceivedAt = now,
                CompletedAt = now,
            },
            CancellationToken.None).GetAwaiter().GetResult();
    }

    private async Task<List<Pipeline.Domain.Metrics.MonthlyKpis>> CloseAsync()
    {
        var outcome = await _pipeline.Get<MonthCloseService>().CloseThroughAsync(Acme, May, "ops", CancellationToken.None);
        Assert.Equal(CloseOutcomeKind.Closed, outcome.Kind);
        return (await _pipeline.Snapshots.ListAsync(Acme, January, May, CancellationToken.None)).Select(row => row.Kpis).ToList();
    }
}
