using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

/// <summary>METRICS.md §1, Proration: an unused-time credit ends its item's line; items that run side by side add up.</summary>
public sealed partial class MonthEndCalculatorTests
{
    /// <summary>
    /// cus_q: Starter 100/mo on item si_starter (Jan, Feb); on Feb 15 a Stripe upgrade moves it to Pro 200/mo on a new
    /// item si_pro: −50 unused Starter (si_starter) and +100 remaining Pro (si_pro) for Feb 15–Mar 1, then Pro 200 for
    /// March. At T_Feb the Starter line is credited from Feb 15, so only Pro counts: 100 × 28/14 = 200. By hand: MRR
    /// Jan–Apr 100, 200, 200, 0; Jan New 100, Feb Expansion 100, Apr Churn 200. (Without the credit rule both items
    /// would count in February: 300, then a Contraction of 100 in March.)
    /// </summary>
    [Fact]
    public void Compute_StarterToProItemSwapMidFebruary_OnlyProAtFebruaryEnd()
    {
        var closes = Of(ProrationCreditsTests.StarterToPro()).WithProrationCredits().CloseMonths(Month(1), Month(4));

        Assert.Equal([100m, 200m, 200m, 0m], MrrByMonth(closes));
        Assert.Equal(
            [(1, MovementType.New, 100m), (2, MovementType.Expansion, 100m), (4, MovementType.Churn, 200m)],
            MovementsOf(closes, "cus_q"));
    }

    /// <summary>
    /// cus_q: base plan 100/mo on item si_base (Jan–Mar) and an add-on 30/mo on item si_seats (Feb, Mar) of the same
    /// subscription; the add-on is removed on Mar 16 with a −15 unused-time credit on si_seats. By hand: MRR Jan–Apr
    /// 100, 130, 100, 0; Jan New 100, Feb Expansion 30, Mar Contraction 30, Apr Churn 100.
    /// </summary>
    [Fact]
    public void Compute_BasePlanAndAddOnItems_AddUpUntilTheAddOnIsCredited()
    {
        RevenueLine[] lines =
        [
            .. new[] { 1, 2, 3 }.Select(month => ProrationCreditsTests.Line("si_base", "Base", 100m, On(month, 1), On(month + 1, 1))),
            .. new[] { 2, 3 }.Select(month => ProrationCreditsTests.Line("si_seats", "Seats", 30m, On(month, 1), On(month + 1, 1))),
            ProrationCreditsTests.Line("si_seats", "Seats", -15m, On(3, 16), On(4, 1), LineType.Proration),
        ];

        var closes = Of(lines).WithProrationCredits().CloseMonths(Month(1), Month(4));

        Assert.Equal([100m, 130m, 100m, 0m], MrrByMonth(closes));
        Assert.Equal(
            [(1, MovementType.New, 100m), (2, MovementType.Expansion, 30m), (3, MovementType.Contraction, 30m), (4, MovementType.Churn, 100m)],
            MovementsOf(closes, "cus_q"));
    }

    /// <summary>
    /// cus_q: annual 1,200 on item si_year for 2025, moved on Jun 15 to 150/mo on item si_month (Jun 15–Jul 15,
    /// Jul 15–Aug 15) with a −660 credit on si_year. The annual line keeps its 100 a month until the credit (it is not
    /// re-prorated as a shorter line). By hand: Jan–May 100, Jun 150, Jul 150, Aug 0; Jan New 100, Jun Expansion 50,
    /// Aug Churn 150.
    /// </summary>
    [Fact]
    public void Compute_AnnualItemCreditedInJune_KeepsItsMonthlyAmountUntilThen()
    {
        var yearly = new BillingInterval(IntervalUnit.Year, 1);
        var nextYear = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        RevenueLine[] lines =
        [
            ProrationCreditsTests.Line("si_year", "Annual", 1200m, On(1, 1), nextYear) with { Interval = yearly },
            ProrationCreditsTests.Line("si_year", "Annual", -660m, On(6, 15), nextYear, LineType.Proration) with { Interval = yearly },
            ProrationCreditsTests.Line("si_month", "Monthly", 150m, On(6, 15), On(7, 15)),
            ProrationCreditsTests.Line("si_month", "Monthly", 150m, On(7, 15), On(8, 15)),
        ];

        var closes = Of(lines).WithProrationCredits().CloseMonths(Month(1), Month(8));

        Assert.Equal([100m, 100m, 100m, 100m, 100m, 150m, 150m, 0m], MrrByMonth(closes));
        Assert.Equal(
            [(1, MovementType.New, 100m), (6, MovementType.Expansion, 50m), (8, MovementType.Churn, 150m)],
            MovementsOf(closes, "cus_q"));
    }
}
