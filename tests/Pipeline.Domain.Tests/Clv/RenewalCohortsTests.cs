using Pipeline.Domain.Clv;

namespace Pipeline.Domain.Tests.Clv;

/// <summary>Survivor counts from subscriber tenures, checked by hand.</summary>
public sealed class RenewalCohortsTests
{
    private static readonly BillingMonth January = new(2025, 1);
    private static readonly BillingMonth AsOf = new(2025, 6);

    [Fact]
    public void From_MonthlyCohort_CountsTheCustomersPayingAtEachRenewalMonthEnd()
    {
        // Four monthly customers from January, observed to June: 5 renewals (Feb..Jun).
        SubscriberTenure[] subscribers =
        [
            new("a", January, 1, FirstUnpaidMonth: null),          // pays through June
            new("b", January, 1, FirstUnpaidMonth: new(2025, 2)),  // gone at the first renewal
            new("c", January, 1, FirstUnpaidMonth: new(2025, 4)),  // renewed in Feb and Mar, gone in Apr
            new("d", January, 1, FirstUnpaidMonth: new(2025, 7)),  // leaves after asOf: still alive in June
        ];

        var cohort = Assert.Single(RenewalCohorts.From(subscribers, AsOf));

        Assert.Equal((January, 1), (cohort.Start, cohort.PeriodMonths));
        Assert.Equal([4, 3, 3, 2, 2, 2], cohort.Survivors.Alive);
    }

    [Fact]
    public void From_PeriodsAndStartsMakeSeparateCohorts_AndOnlyEndedRenewalMonthsCount()
    {
        SubscriberTenure[] subscribers =
        [
            new("q1", January, 3, FirstUnpaidMonth: null),          // renewals in Apr (observed) and Jul (not yet)
            new("q2", January, 3, FirstUnpaidMonth: new(2025, 4)),  // gone at the April renewal
            new("y1", January, 12, FirstUnpaidMonth: null),         // no renewal observed yet
            new("m1", new(2025, 5), 1, FirstUnpaidMonth: null),     // May cohort, one renewal (June)
            new("late", new(2025, 7), 1, FirstUnpaidMonth: null),   // starts after asOf: in no cohort
        ];

        var cohorts = RenewalCohorts.From(subscribers, AsOf);

        Assert.Equal(3, cohorts.Count);
        Assert.Equal([1, 1], cohorts[0].Survivors.Alive);   // May, monthly
        Assert.Equal(new BillingMonth(2025, 5), cohorts[0].Start);
        Assert.Equal([2, 1], cohorts[1].Survivors.Alive);   // January, quarterly
        Assert.Equal([1], cohorts[2].Survivors.Alive);      // January, yearly
    }

    [Fact]
    public void From_UnpaidBeforeTheStart_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => RenewalCohorts.From([new SubscriberTenure("a", January, 1, January)], AsOf));
        Assert.Throws<ArgumentException>(() => RenewalCohorts.From([new SubscriberTenure("a", January, 3, January)], AsOf));
    }
}
