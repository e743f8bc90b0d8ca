using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

/// <summary>METRICS.md §1 Currency: movements at the month-end rate, the rest is FX impact.</summary>
public sealed partial class MonthEndCalculatorTests
{
    /// <summary>1 USD = 0.90 EUR at the end of January, 0.80 EUR at the end of February.</summary>
    private static readonly MonthEndContext FallingDollar = new() { Rates = UsdToEur((1, 0.9m), (2, 0.8m)) };

    [Fact]
    public void Compute_UsdCustomerConstantWhileRateChanges_OnlyFxImpactMoves()
    {
        var february = new LedgerBuilder()
            .Line("cus_usd", 100m, On(1, 1), null, line => line with { Currency = Usd })
            .Line("cus_eur", 50m, On(1, 1), null)
            .CloseMonths(Month(1), Month(2), context: FallingDollar)[Month(2)];

        var kpis = february.Kpis;
        Assert.Equal((140m, 130m, -10m), (kpis.StartMrr, kpis.Mrr, kpis.FxImpactMrr));
        Assert.Equal((0m, 0m, 0m, 0m, 0m), (kpis.NewMrr, kpis.ExpansionMrr, kpis.ReactivationMrr, kpis.ContractionMrr, kpis.ChurnedMrr));
        Assert.Empty(february.Movements);
        Assert.Equal([new Money(50m, Eur), new Money(100m, Usd)], kpis.NativeMrr);
        Assert.Equal(
            new CustomerMonthEnd("cus_usd", 80m, EverPaid: true) { Parts = [Part(100m, Usd, mrr: 80m)], CohortMonth = Month(1) },
            february.Closing[1]);
    }

    [Fact]
    public void Compute_UsdCustomerUpgradesWhenRateChanges_ExpansionAtNewRateAndFxOnTheStart()
    {
        var february = new LedgerBuilder()
            .MonthlyInvoices("cus_up", 100m, fromMonth: 1, months: 1, line => line with { Currency = Usd })
            .MonthlyInvoices("cus_up", 200m, fromMonth: 2, months: 1, line => line with { Currency = Usd })
            .Line("cus_usd", 100m, On(1, 1), null, line => line with { Currency = Usd })
            .CloseMonths(Month(1), Month(2), context: FallingDollar)[Month(2)];

        Assert.Equal(
            new CustomerMovement("cus_up", 90m, 160m, MovementType.Expansion, 80m) { FxImpact = -10m },
            Assert.Single(february.Movements));
        var kpis = february.Kpis;
        Assert.Equal((180m, 240m, 80m, 0m, -20m), (kpis.StartMrr, kpis.Mrr, kpis.ExpansionMrr, kpis.ContractionMrr, kpis.FxImpactMrr));
        Assert.Equal([new Money(300m, Usd)], kpis.NativeMrr);
    }

    [Fact]
    public void Compute_UsdCustomerChurnsWhenRateChanges_ChurnAtNewRateAndFxOnTheStart()
    {
        var february = new LedgerBuilder()
            .MonthlyInvoices("cus_usd", 100m, fromMonth: 1, months: 1, line => line with { Currency = Usd })
            .CloseMonths(Month(1), Month(2), context: FallingDollar)[Month(2)];

        Assert.Equal(
            new CustomerMovement("cus_usd", 90m, 0m, MovementType.Churn, 80m) { FxImpact = -10m },
            Assert.Single(february.Movements));
        Assert.Equal((90m, 0m, 80m, -10m, 1), (february.Kpis.StartMrr, february.Kpis.Mrr, february.Kpis.ChurnedMrr, february.Kpis.FxImpactMrr, february.Kpis.ChurnedCustomers));
    }

    [Fact]
    public void Compute_CurrencyInUseWithoutRate_ThrowsMissingExchangeRateAndReturnsNothing()
    {
        var engine = new LedgerBuilder()
            .Line("cus_eur", 50m, On(1, 1), null)
            .Line("cus_usd", 100m, On(1, 1), null, line => line with { Currency = Usd })
            .Engine();
        var ratesFromMarch = new MonthEndContext { Rates = UsdToEur((3, 0.9m)) };

        var error = Assert.Throws<MissingExchangeRateException>(() => MonthEndCalculator.Compute(Month(1), [], engine, ratesFromMarch));

        Assert.Equal((Usd, Eur, Month(1)), (error.From, error.To, error.Month));
        Assert.Equal(140m, MonthEndCalculator.Compute(Month(3), [], engine, ratesFromMarch).Kpis.Mrr);
    }

    [Fact]
    public void Compute_OpeningRowWithoutParts_ReadAsReportingCurrencyWithoutFxImpact()
    {
        var engine = new LedgerBuilder().Line("cus_a", 100m, On(1, 1), null).Engine();

        var february = MonthEndCalculator.Compute(Month(2), [new CustomerMonthEnd("cus_a", 100m, EverPaid: true)], engine);

        Assert.Equal((100m, 100m, 0m), (february.Kpis.StartMrr, february.Kpis.Mrr, february.Kpis.FxImpactMrr));
        Assert.Empty(february.Movements);
        Assert.Equal([Part(100m)], Assert.Single(february.Closing).Parts);
    }

    [Fact]
    public void Compute_NoRatesForSingleCurrencyTenant_ThreeArgumentCallWorks()
    {
        var january = MonthEndCalculator.Compute(Month(1), [], new LedgerBuilder().Line("cus_a", 100m, On(1, 1), null).Engine());

        Assert.Equal((100m, 0m, 100m), (january.Kpis.Mrr, january.Kpis.FxImpactMrr, january.Kpis.Cmrr));
        Assert.Equal([new Money(100m, Eur)], january.Kpis.NativeMrr);
    }
}
