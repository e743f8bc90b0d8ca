namespace Pipeline.Domain.Tests;

public sealed class LedgerMergeTests
{
    private static readonly CurrencyCode Eur = LedgerBuilder.Eur;

    [Fact]
    public void Apply_NoDocumentsOrMovements_ReturnsTheSameList()
    {
        var lines = new[] { Line("l1", "in_1") };

        Assert.Same(lines, LedgerMerge.Apply(lines, [], []));
    }

    [Theory]
    [InlineData(DocumentStatus.Void)]
    [InlineData(DocumentStatus.Draft)]
    [InlineData(DocumentStatus.Canceled)]
    [InlineData(DocumentStatus.Uncollectible)]
    [InlineData(DocumentStatus.Open)]
    [InlineData(DocumentStatus.Paid)]
    public void Apply_Document_SetsTheStatusOfEveryLineOfItsInvoiceOnly(DocumentStatus status)
    {
        var lines = new[] { Line("l1", "in_1", DocumentStatus.Open), Line("l2", "in_1", DocumentStatus.Open, LineType.OneTime), Line("l3", "in_2", DocumentStatus.Open), Line("l4", null, DocumentStatus.Open) };

        var merged = LedgerMerge.Apply(lines, [Document("in_1", status)], []);

        Assert.Equal([status, status, DocumentStatus.Open, DocumentStatus.Open], merged.Select(line => line.Status).ToArray());
        Assert.Same(lines[2], merged[2]);
    }

    [Fact]
    public void Apply_TwoRecordsOfOneInvoice_TheLaterWins()
    {
        var merged = LedgerMerge.Apply([Line("l1", "in_1")], [Document("in_1", DocumentStatus.Void), Document("in_1", DocumentStatus.Uncollectible)], []);

        Assert.Equal(DocumentStatus.Uncollectible, merged.Single().Status);
    }

    [Fact]
    public void Apply_DocumentOfAnotherCustomer_LeavesTheLine()
    {
        var merged = LedgerMerge.Apply([Line("l1", "in_1")], [Document("in_1", DocumentStatus.Void) with { CustomerId = "other" }], []);

        Assert.Equal(DocumentStatus.Paid, merged.Single().Status);
    }

    [Fact]
    public void Apply_FullRefund_RefundsRecurringAndProrationLinesFromItsDate()
    {
        var lines = new[]
        {
            Line("l1", "in_1"),
            Line("l2", "in_1", type: LineType.Proration),
            Line("l3", "in_1", type: LineType.OneTime),
            Line("l4", "in_2"),
        };

        var merged = LedgerMerge.Apply(lines, [], [Refund("in_1", LedgerBuilder.On(3, 15), full: true)]);

        Assert.Equal(
            [DocumentStatus.Refunded, DocumentStatus.Refunded, DocumentStatus.Paid, DocumentStatus.Paid],
            merged.Select(line => line.Status).ToArray());
        Assert.Equal([LedgerBuilder.On(3, 15), LedgerBuilder.On(3, 15), null, null], merged.Select(line => line.RefundedAt).ToArray());
    }

    [Fact]
    public void Apply_PartialRefundPaymentOrRefundWithoutInvoice_ChangeNothing()
    {
        var lines = new[] { Line("l1", "in_1") };
        MoneyMovement[] movements =
        [
            Refund("in_1", LedgerBuilder.On(3, 15), full: false),
            Refund("in_1", LedgerBuilder.On(3, 15), full: true) with { Type = MoneyMovementType.Payment, Amount = 100m },
            Refund("in_1", LedgerBuilder.On(3, 15), full: true) with { Type = MoneyMovementType.Chargeback },
            Refund(null, LedgerBuilder.On(3, 15), full: true),
        ];

        Assert.Same(lines, LedgerMerge.Apply(lines, [], movements));
    }

    [Fact]
    public void Apply_FullCreditNoteAndTwoRefunds_TheEarliestDateWins()
    {
        MoneyMovement[] movements =
        [
            Refund("in_1", LedgerBuilder.On(3, 20), full: true),
            Refund("in_1", LedgerBuilder.On(3, 10), full: true) with { Type = MoneyMovementType.CreditNote },
        ];

        var merged = LedgerMerge.Apply([Line("l1", "in_1")], [], movements);

        Assert.Equal((DocumentStatus.Refunded, LedgerBuilder.On(3, 10)), (merged[0].Status, merged[0].RefundedAt));
    }

    [Fact]
    public void Apply_VoidInvoiceWithFullRefund_StaysVoid()
    {
        var merged = LedgerMerge.Apply(
            [Line("l1", "in_1")], [Document("in_1", DocumentStatus.Void)], [Refund("in_1", LedgerBuilder.On(3, 15), full: true)]);

        Assert.Equal((DocumentStatus.Void, (DateTimeOffset?)null), (merged[0].Status, merged[0].RefundedAt));
    }

    [Fact]
    public void Apply_PaidDocumentOnARefundedLine_KeepsTheRefund()
    {
        var refunded = Line("l1", "in_1", DocumentStatus.Refunded) with { RefundedAt = LedgerBuilder.On(3, 5) };

        var merged = LedgerMerge.Apply([refunded], [Document("in_1", DocumentStatus.Paid)], [Refund("in_1", LedgerBuilder.On(3, 15), full: true)]);

        Assert.Same(refunded, merged[0]);
    }

    [Fact]
    public void Apply_FullRefundMidMarch_MrrEndsFromMarch()
    {
        var lines = new LedgerBuilder()
            .Line("A", 100m, LedgerBuilder.On(1, 1), LedgerBuilder.On(4, 1), line => line with { InvoiceId = "in_1", Interval = new BillingInterval(IntervalUnit.Month, 3) })
            .Build();

        var merged = LedgerMerge.Apply(lines, [], [Refund("in_1", LedgerBuilder.On(3, 15), full: true)]);

        var engine = new Pipeline.Domain.Metrics.MonthlyRecurringRevenue(merged, LedgerBuilder.UtcSettings);
        Assert.Equal(100m / 3m, engine.CustomerMrrAt(LedgerBuilder.Month(2))["A"]);
        Assert.Empty(engine.CustomerMrrAt(LedgerBuilder.Month(3)));
    }

    private static RevenueLine Line(string key, string? invoice, DocumentStatus status = DocumentStatus.Paid, LineType type = LineType.Recurring) => new()
    {
        LineKey = key,
        CustomerId = "A",
        InvoiceId = invoice,
        LineType = type,
        Amount = 100m,
        Currency = Eur,
        Interval = BillingInterval.Monthly,
        ServiceStart = LedgerBuilder.On(3, 1),
        ServiceEnd = LedgerBuilder.On(4, 1),
        Status = status,
    };

    private static InvoiceDocument Document(string invoice, DocumentStatus status) => new() { InvoiceId = invoice, CustomerId = "A", Status = status };

    private static MoneyMovement Refund(string? invoice, DateTimeOffset at, bool full) => new()
    {
        MovementKey = "re_1",
        Type = MoneyMovementType.Refund,
        CustomerId = "A",
        InvoiceId = invoice,
        Amount = -100m,
        Currency = Eur,
        OccurredAt = at,
        IsFullRefund = full,
    };
}
