using Pipeline.Domain.Metrics;

namespace Pipeline.Domain.Tests.Metrics;

public sealed class UnitEconomicsTests
{
    // Worked example:
    //   ARPA 230, gross margin 0.8 → margin per account 184 a month.
    //   Churn m−5..m: 0.05, 0.04, (none), 0.06, 0.05, 0.05 → (0.25) ÷ 5 months = 0.05.
    //   LTV = 184 ÷ 0.05 = 3,680. Lifetime 1 ÷ 0.05 = 20 months < cap 60 → LtvCapped = 3,680.
    //   New MRR 600 from 4 new customers → ASP 150. Spend 6,000 → CAC 1,500.
    //   Paid spend 4,500 for 3 paid new customers → paid CAC 1,500.
    //   Payback = 1,500 ÷ (150 × 0.8) = 1,500 ÷ 120 = 12.5 months; with ARPA: 1,500 ÷ 184 = 8.152…
    //   LTV:CAC = 3,680 ÷ 1,500 = 2.4533…
    private static readonly UnitEconomicsInput WorkedExample = new(
        Arpa: 230m,
        NewMrr: 600m,
        NewCustomers: 4,
        ChurnRates: [0.05m, 0.04m, null, 0.06m, 0.05m, 0.05m],
        GrossMargin: 0.8m,
        LtvCapMonths: 60,
        Spend: 6000m,
        PaidSpend: 4500m,
        PaidNewCustomers: 3);

    [Fact]
    public void Compute_WorkedExample_EveryFigureExact()
    {
        var figures = UnitEconomics.Compute(WorkedExample);

        var expected = new UnitEconomicsFigures(
            GrossMargin: 0.8m,
            LtvCapMonths: 60,
            Spend: 6000m,
            PaidSpend: 4500m,
            PaidNewCustomers: 3,
            Asp: 150m,
            AverageChurnRate: 0.05m,
            Ltv: 3680m,
            LtvCapped: 3680m,
            Cac: 1500m,
            PaidCac: 1500m,
            CacPaybackMonths: 12.5m,
            CacPaybackMonthsArpa: 1500m / 184m,
            LtvToCac: 3680m / 1500m);
        Assert.Equal(expected, figures);
    }

    [Fact]
    public void Compute_LifetimeLongerThanCap_LtvCappedAtCapMonths()
    {
        // Churn 0.01 → 100-month lifetime; capped at 60 → 184 × 60 = 11,040, uncapped 184 ÷ 0.01 = 18,400.
        var figures = UnitEconomics.Compute(WorkedExample with { ChurnRates = [0.01m] });

        Assert.Equal(18400m, figures.Ltv);
        Assert.Equal(11040m, figures.LtvCapped);
    }

    [Fact]
    public void Compute_NoChurnInSixMonths_LtvNullAndCappedLtvUsesCap()
    {
        var figures = UnitEconomics.Compute(WorkedExample with { ChurnRates = [0m, 0m, null, 0m] });

        Assert.Equal(0m, figures.AverageChurnRate);
        Assert.Null(figures.Ltv);
        Assert.Equal(11040m, figures.LtvCapped);
        Assert.Null(figures.LtvToCac);
    }

    [Fact]
    public void Compute_NoMonthWithChurnRate_AverageAndLtvNull()
    {
        var figures = UnitEconomics.Compute(WorkedExample with { ChurnRates = [null, null] });

        Assert.Null(figures.AverageChurnRate);
        Assert.Null(figures.Ltv);
        Assert.Null(figures.LtvCapped);
        Assert.Null(figures.LtvToCac);
    }

    [Fact]
    public void Compute_NoNewCustomers_AspCacAndPaybackNull()
    {
        var figures = UnitEconomics.Compute(
            WorkedExample with { NewMrr = 0m, NewCustomers = 0, PaidNewCustomers = 0 });

        Assert.Null(figures.Asp);
        Assert.Null(figures.Cac);
        Assert.Null(figures.PaidCac);
        Assert.Null(figures.CacPaybackMonths);
        Assert.Null(figures.CacPaybackMonthsArpa);
        Assert.Null(figures.LtvToCac);
        Assert.Equal(3680m, figures.Ltv);
    }

    [Fact]
    public void Compute_NoSpend_CacZeroAndLtvToCacNull()
    {
        var figures = UnitEconomics.Compute(WorkedExample with { Spend = 0m, PaidSpend = 0m });

        Assert.Equal(0m, figures.Cac);
        Assert.Equal(0m, figures.PaidCac);
        Assert.Equal(0m, figures.CacPaybackMonths);
        Assert.Equal(0m, figures.CacPaybackMonthsArpa);
        Assert.Null(figures.LtvToCac);
    }

    [Fact]
    public void Compute_NoCustomersAtMonthEnd_ArpaBasedFiguresNull()
    {
        var figures = UnitEconomics.Compute(WorkedExample with { Arpa = null });

        Assert.Null(figures.Ltv);
        Assert.Null(figures.LtvCapped);
        Assert.Null(figures.CacPaybackMonthsArpa);
        Assert.Null(figures.LtvToCac);
        Assert.Equal(12.5m, figures.CacPaybackMonths);
    }

    [Fact]
    public void Compute_ZeroGrossMargin_LtvZeroAndPaybackNull()
    {
        var figures = UnitEconomics.Compute(WorkedExample with { GrossMargin = 0m });

        Assert.Equal(0m, figures.Ltv);
        Assert.Equal(0m, figures.LtvCapped);
        Assert.Equal(0m, figures.LtvToCac);
        Assert.Null(figures.CacPaybackMonths);
        Assert.Null(figures.CacPaybackMonthsArpa);
    }

    [Fact]
    public void Compute_NegativeNewCustomers_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UnitEconomics.Compute(WorkedExample with { NewCustomers = -1 }));
    }
}
