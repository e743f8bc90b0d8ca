using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

public sealed class MonthEndTallyTests
{
    [Fact]
    public void ToResult_EndMrrWithoutMatchingMovement_ThrowsIdentityBroken()
    {
        var tally = new MonthEndTally(Month(3), Eur);
        tally.Add(new CustomerMonthEnd("cus_a", 100m, EverPaid: true), startMrr: 0m, movement: null);

        var error = Assert.Throws<InvalidOperationException>(tally.ToResult);

        Assert.Contains("2025-03", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToResult_OffByOneHundredthOfACent_ThrowsIdentityBroken()
    {
        var tally = new MonthEndTally(Month(3), Eur);
        tally.Add(new CustomerMonthEnd("cus_a", 100.0001m, EverPaid: true), 0m, new("cus_a", 0m, 100.0001m, MovementType.New, 100m));

        Assert.Throws<InvalidOperationException>(tally.ToResult);
    }

    [Fact]
    public void ToResult_ConsistentRows_SumsAndCounts()
    {
        var tally = new MonthEndTally(Month(3), Eur);
        tally.Add(new CustomerMonthEnd("cus_a", 0m, EverPaid: true), 40m, new("cus_a", 40m, 0m, MovementType.Churn, 40m, Delinquent: true));
        tally.Add(new CustomerMonthEnd("cus_b", 70m, EverPaid: true), 50m, new("cus_b", 50m, 70m, MovementType.Expansion, 20m));

        var kpis = tally.ToResult().Kpis;

        Assert.Equal((90m, 70m, 40m, 40m, 20m), (kpis.StartMrr, kpis.Mrr, kpis.ChurnedMrr, kpis.DelinquentChurnedMrr, kpis.ExpansionMrr));
        Assert.Equal((2, 1, 1), (kpis.StartCustomers, kpis.Customers, kpis.ChurnedCustomers));
    }
}
