using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

/// <summary>METRICS.md §1, Corrections: a line sent again in a later file replaces its earlier version, closed month after month.</summary>
public sealed partial class MonthEndCalculatorTests
{
    private const string Canonical = "canonical-revenue-lines";

    /// <summary>
    /// January file: S 100 (line s1, Jan 1–Feb 1) and C 50 (c1 January, c2 February). A later file sends s1 again as
    /// void. By hand: MRR Jan 50 (C only; summing both versions would give 150), Feb 50, Mar 0; C New 50 in January and
    /// Churn 50 in March; S never moves.
    /// </summary>
    [Fact]
    public void Compute_VoidSentAgainInALaterFile_LineRetracted()
    {
        var january = new LedgerBuilder()
            .MonthlyInvoices("S", 100m, fromMonth: 1, months: 1, Keyed("s1"))
            .MonthlyInvoices("C", 50m, fromMonth: 1, months: 1, Keyed("c1"))
            .MonthlyInvoices("C", 50m, fromMonth: 2, months: 1, Keyed("c2"))
            .Build();
        var voided = january[0] with { Status = DocumentStatus.Void };

        var closes = Of(Assembled(new(Canonical, january), new(Canonical, [voided]))).CloseMonths(Month(1), Month(3));

        Assert.Equal([50m, 50m, 0m], MrrByMonth(closes));
        Assert.Empty(MovementsOf(closes, "S"));
        Assert.Equal([(1, MovementType.New, 50m), (3, MovementType.Churn, 50m)], MovementsOf(closes, "C"));
    }

    /// <summary>
    /// Line a1 of A was exported as Starter 100 for January and corrected to Pro 120 in a later file. The two versions
    /// have different plans and no subscription id, so kept side by side they would add up to 220. By hand: Jan 120
    /// (New 120), Feb 0 (Churn 120).
    /// </summary>
    [Fact]
    public void Compute_CorrectedAmountInALaterFile_ReplacesInsteadOfAdding()
    {
        var exported = new LedgerBuilder().MonthlyInvoices("A", 100m, fromMonth: 1, months: 1, line => line with { LineKey = "a1", Plan = "Starter" }).Build();
        var corrected = exported[0] with { Plan = "Pro", Amount = 120m };

        var closes = Of(Assembled(new(Canonical, exported), new(Canonical, [corrected]))).CloseMonths(Month(1), Month(2));

        Assert.Equal([120m, 0m], MrrByMonth(closes));
        Assert.Equal([(1, MovementType.New, 120m), (2, MovementType.Churn, 120m)], MovementsOf(closes, "A"));
    }

    /// <summary>
    /// Line p1 of P (80) was exported for January and corrected to February in a later file. By hand: Jan 0, Feb 80
    /// (New 80), Mar 0 (Churn 80); both versions together would have counted 80 in January as well.
    /// </summary>
    [Fact]
    public void Compute_CorrectedPeriodInALaterFile_CountsOnlyInTheCorrectedMonth()
    {
        var exported = new LedgerBuilder().MonthlyInvoices("P", 80m, fromMonth: 1, months: 1, Keyed("p1")).Build();
        var corrected = exported[0] with { ServiceStart = On(2, 1), ServiceEnd = On(3, 1), IssuedAt = On(2, 1) };

        var closes = Of(Assembled(new(Canonical, exported), new(Canonical, [corrected]))).CloseMonths(Month(1), Month(3));

        Assert.Equal([0m, 80m, 0m], MrrByMonth(closes));
        Assert.Equal([(2, MovementType.New, 80m), (3, MovementType.Churn, 80m)], MovementsOf(closes, "P"));
    }

    /// <summary>Line id 1001 is A's line in the canonical file and B's row in a register read through a profile: Jan 150.</summary>
    [Fact]
    public void Compute_SameIdInTwoSources_BothCount()
    {
        var canonical = new LedgerBuilder().MonthlyInvoices("A", 100m, fromMonth: 1, months: 1, Keyed("1001")).Build();
        var register = new LedgerBuilder().MonthlyInvoices("B", 50m, fromMonth: 1, months: 1, Keyed("1001")).Build();

        var closes = Of(Assembled(new(Canonical, canonical), new("profile:register", register))).CloseMonths(Month(1), Month(1));

        Assert.Equal([150m], MrrByMonth(closes));
        Assert.Equal((150m, 2), (closes[Month(1)].Kpis.NewMrr, closes[Month(1)].Kpis.NewCustomers));
    }

    private static Func<RevenueLine, RevenueLine> Keyed(string lineKey) => line => line with { LineKey = lineKey };
}
