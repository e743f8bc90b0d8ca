using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests;

/// <summary>The columnar ledger gives back every value the rules read, exactly, and the assembly applies the ledger rules as lines stream in.</summary>
public sealed class LedgerLinesTests
{
    private const string Canonical = "canonical-revenue-lines";

    [Fact]
    public void Row_EveryValueTheRulesRead_ComesBackExactly()
    {
        var line = Line("a", "A", 120.50m) with
        {
            SubscriptionId = "sub_a",
            Plan = "pro",
            Product = "suite",
            Discount = 20.25m,
            Currency = Usd,
            Interval = new BillingInterval(IntervalUnit.Year, 2),
            IntervalInferred = true,
            ServiceStart = new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.FromHours(2)),
            ServiceEnd = new DateTimeOffset(2027, 1, 1, 7, 0, 0, TimeSpan.Zero),
            IssuedAt = new DateTimeOffset(2024, 12, 20, 0, 0, 0, TimeSpan.Zero),
            DueAt = On(1, 15),
            Status = DocumentStatus.PastDue,
            LineType = LineType.Proration,
        };

        var back = LedgerLines.Of([line])[0];

        Assert.Equal(
            ("A", "sub_a", "pro", "suite", Usd, 100.25m, new BillingInterval(IntervalUnit.Year, 2), true, LineType.Proration, DocumentStatus.PastDue),
            (back.CustomerId, back.SubscriptionId, back.Plan, back.Product, back.Currency, back.Net, back.Interval!.Value, back.IntervalInferred, back.LineType, back.Status));
        Assert.Equal((line.ServiceStart, line.ServiceEnd, line.IssuedAt, line.DueAt), (back.ServiceStart, back.ServiceEnd, back.IssuedAt, back.DueAt));
        Assert.Equal(LineOrigin.InvoiceLine, back.Origin);
    }

    [Fact]
    public void Row_AmountsWithoutTrailingZerosAndSubSecondInstantsAndLongIntervals_Kept()
    {
        var tenth = Line("a", "A", 10.0m);
        var hundredth = Line("b", "B", 10.50m) with
        {
            ServiceEnd = On(2, 1).AddTicks(1),
            IssuedAt = On(1, 1).AddYears(-80),
            Interval = new BillingInterval(IntervalUnit.Day, 70_000),
        };
        var open = Line("c", "C", 5m) with { ServiceEnd = null, IssuedAt = null };

        var ledger = LedgerLines.Of([tenth, hundredth, open]);

        // The stored ledger gives amounts back without trailing zeros: a parsed line and the same line read back agree.
        Assert.Equal(["10", "10.5", "5"], ledger.Select(line => line.Net.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal((On(2, 1).AddTicks(1), On(1, 1).AddYears(-80)), (ledger[1].ServiceEnd!.Value, ledger[1].IssuedAt!.Value));
        Assert.Equal(70_000, ledger[1].Interval!.Value.Count);
        Assert.Equal(((DateTimeOffset?)null, (DateTimeOffset?)null), (ledger[2].ServiceEnd, ledger[2].IssuedAt));
    }

    [Fact]
    public void Row_RareValues_KeptAndADueDateOnlyWhereTheDelinquencyRuleReadsIt()
    {
        var refunded = Line("a", "A", 30m) with { Status = DocumentStatus.Refunded, RefundedAt = On(1, 10), DueAt = On(1, 15) };
        var cancelling = Line("b", "B", 30m) with
        {
            Origin = LineOrigin.SubscriptionSnapshot,
            SnapshotTakenAt = On(1, 20),
            CurrentPeriodStart = On(1, 1),
            CancelsAtEnd = true,
            CancellationRequestedAt = On(1, 5),
        };

        var ledger = LedgerLines.Of([refunded, cancelling]);

        Assert.Equal((DocumentStatus.Refunded, (DateTimeOffset?)On(1, 10), (DateTimeOffset?)null), (ledger[0].Status, ledger[0].RefundedAt, ledger[0].DueAt));
        Assert.Equal(
            (LineOrigin.SubscriptionSnapshot, (DateTimeOffset?)On(1, 20), (DateTimeOffset?)On(1, 1), true, (DateTimeOffset?)On(1, 5)),
            (ledger[1].Origin, ledger[1].SnapshotTakenAt, ledger[1].CurrentPeriodStart, ledger[1].CancelsAtEnd, ledger[1].CancellationRequestedAt));
    }

    [Fact]
    public void Row_InstantsWithAnOffset_ComeBackAsTheSameInstantsInUtc()
    {
        var amsterdam = TimeSpan.FromHours(1);
        var refunded = Line("a", "A", 30m) with
        {
            Status = DocumentStatus.Refunded,
            RefundedAt = new DateTimeOffset(2025, 1, 10, 9, 0, 0, amsterdam),
            ServiceEnd = new DateTimeOffset(2025, 2, 1, 0, 0, 0, amsterdam).AddTicks(1),
        };

        var row = LedgerLines.Of([refunded])[0];

        Assert.Equal((new DateTimeOffset(2025, 1, 10, 8, 0, 0, TimeSpan.Zero), TimeSpan.Zero), (row.RefundedAt!.Value, row.RefundedAt.Value.Offset));
        Assert.Equal((new DateTimeOffset(2025, 1, 31, 23, 0, 0, TimeSpan.Zero).AddTicks(1), TimeSpan.Zero), (row.ServiceEnd!.Value, row.ServiceEnd.Value.Offset));
    }

    [Fact]
    public void Engine_OverColumnsAndOverLines_SameMrrAndDelinquentChurn()
    {
        // A pays 100 monthly Jan–Mar; B's March invoice is open, due 1 March: past 30 days at T_Mar, so delinquent churn.
        var lines = new LedgerBuilder()
            .MonthlyInvoices("A", 100m, fromMonth: 1, months: 3)
            .MonthlyInvoices("B", 40m, fromMonth: 1, months: 2)
            .Build()
            .Append(Line("b3", "B", 40m) with { ServiceStart = On(3, 1), ServiceEnd = On(4, 1), Status = DocumentStatus.Open, DueAt = On(3, 1) })
            .ToList();

        var engine = new MonthlyRecurringRevenue(LedgerLines.Of(lines), UtcSettings);

        Assert.Equal([140m, 140m, 100m], new[] { 1, 2, 3 }.Select(month => engine.CustomerMrrAt(Month(month)).Values.Sum()));
        Assert.True(engine.HasMrrIgnoringDelinquency("B", Month(3)));
        Assert.False(engine.HasMrrIgnoringDelinquency("B", Month(4)));
        Assert.True(engine.HasMrrIgnoringDelinquency("A", Month(3)));
    }

    [Fact]
    public void Assembly_StatusesRefundsCreditsAndSnapshots_AppliedAsTheListRulesDo()
    {
        var voided = Line("v", "V", 50m) with { InvoiceId = "in_v" };
        var refunded = Line("r", "R", 70m) with { InvoiceId = "in_r" };
        var starter = Line("s", "S", 30m) with { SubscriptionId = "si_starter", ServiceEnd = On(2, 1) };
        var credit = Line("cr", "S", -20m) with { SubscriptionId = "si_starter", LineType = LineType.Proration, ServiceStart = On(1, 16) };
        var snapshot = Line("sub_p", "P", 90m) with { SubscriptionId = "sub_p", Origin = LineOrigin.SubscriptionSnapshot, SnapshotTakenAt = On(3, 2), ServiceEnd = null };
        var assembly = new LedgerAssembly(
            [new InvoiceDocument { InvoiceId = "in_v", Status = DocumentStatus.Void }],
            [new MoneyMovement
            {
                MovementKey = "re_r", Type = MoneyMovementType.Refund, CustomerId = "R", InvoiceId = "in_r", Amount = -70m, Currency = Eur,
                OccurredAt = On(1, 20), IsFullRefund = true,
            }]);
        foreach (var line in new[] { snapshot, voided, refunded, starter, credit })
        {
            assembly.Add(Canonical, line);
        }

        var assembled = assembly.Complete([On(3, 5)]);
        var lines = assembled.Lines.ToList();

        Assert.Equal(["V", "R", "S", "S", "P"], lines.Select(line => line.CustomerId));
        Assert.Equal(DocumentStatus.Void, lines[0].Status);
        Assert.Equal((DocumentStatus.Refunded, (DateTimeOffset?)On(1, 20)), (lines[1].Status, lines[1].RefundedAt));
        Assert.Equal(On(1, 16), lines[2].CreditedFrom);
        Assert.Equal((On(1, 1), (DateTimeOffset?)On(3, 2)), (assembled.EarliestStart!.Value, assembled.DataHorizon));
    }

    [Fact]
    public void Assembly_SameLineInALaterFile_OnlyTheNewestCountsInTheEngine()
    {
        var paid = Line("s1", "S", 100m);
        var assembly = new LedgerAssembly([], []);
        assembly.Add(Canonical, paid);
        assembly.Add(Canonical, Line("c1", "C", 50m));
        assembly.Add(Canonical, paid with { Status = DocumentStatus.Void });

        var ledger = assembly.Complete([On(2, 2)]).Lines;

        Assert.Equal((3, 1), (ledger.Count, ledger.DroppedCount));
        Assert.Equal(50m, new MonthlyRecurringRevenue(ledger, UtcSettings).CustomerMrrAt(Month(1)).Values.Sum());
    }

    private static RevenueLine Line(string key, string customer, decimal amount) => new()
    {
        LineKey = key,
        CustomerId = customer,
        Amount = amount,
        Currency = Eur,
        Interval = BillingInterval.Monthly,
        ServiceStart = On(1, 1),
        ServiceEnd = On(2, 1),
        IssuedAt = On(1, 1),
    };
}
