using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

public sealed partial class MonthEndCalculatorTests
{
    [Fact]
    public void Compute_OpenInvoicePastDelinquencyLimit_DelinquentChurn()
    {
        var closes = new LedgerBuilder()
            .Line("cus_late", 1200m, On(1, 1), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), line => line with
            {
                Interval = new BillingInterval(IntervalUnit.Year, 1),
                Status = DocumentStatus.Open,
                DueAt = On(1, 10),
            })
            .CloseMonths(Month(1), Month(2));

        Assert.Equal([100m, 0m], MrrByMonth(closes));
        Assert.Equal(
            new CustomerMovement("cus_late", 100m, 0m, MovementType.Churn, 100m, Delinquent: true),
            Assert.Single(closes[Month(2)].Movements));
        Assert.Equal((100m, 100m), (closes[Month(2)].Kpis.ChurnedMrr, closes[Month(2)].Kpis.DelinquentChurnedMrr));
    }

    [Fact]
    public void Compute_FullDiscountAfterPaidMonths_ChurnThenReactivation()
    {
        var closes = new LedgerBuilder()
            .MonthlyInvoices("cus_g", 40m, fromMonth: 1, months: 1)
            .MonthlyInvoices("cus_g", 40m, fromMonth: 2, months: 1, line => line with { Discount = 40m })
            .MonthlyInvoices("cus_g", 40m, fromMonth: 3, months: 1)
            .CloseMonths(Month(1), Month(3));

        Assert.Equal([(1, MovementType.New, 40m), (2, MovementType.Churn, 40m), (3, MovementType.Reactivation, 40m)], MovementsOf(closes, "cus_g"));
    }

    [Fact]
    public void Compute_CustomersInterleavedAcrossSubscriptions_SummedAndInOrdinalOrder()
    {
        var january = new LedgerBuilder()
            .Line("cus_b", 10m, On(1, 1), null, line => line with { SubscriptionId = "sub_1" })
            .Line("cus_a", 20m, On(1, 1), null)
            .Line("Cus_c", 30m, On(1, 1), null)
            .Line("cus_b", 5m, On(1, 3), null, line => line with { SubscriptionId = "sub_2" })
            .CloseMonths(Month(1), Month(1))[Month(1)];

        Assert.Equal([Row("Cus_c", 30m, cohortMonth: 1), Row("cus_a", 20m, cohortMonth: 1), Row("cus_b", 15m, cohortMonth: 1)], january.Closing);
        Assert.Equal(["Cus_c", "cus_a", "cus_b"], january.Movements.Select(movement => movement.CustomerId));
    }

    [Fact]
    public void Compute_OpeningNotInIdOrder_SameResultAsOrderedOpening()
    {
        var engine = new LedgerBuilder().Line("cus_b", 70m, On(1, 1), null).Line("cus_d", 10m, On(2, 1), null).Engine();
        CustomerMonthEnd[] ordered = [new("cus_a", 0m, true), new("cus_b", 50m, true), new("cus_c", 30m, true), new("cus_e", 0m, false)];

        var fromOrdered = MonthEndCalculator.Compute(Month(2), ordered, engine);
        var fromShuffled = MonthEndCalculator.Compute(Month(2), [ordered[2], ordered[0], ordered[3], ordered[1]], engine);

        Assert.Equal(fromOrdered.Kpis, fromShuffled.Kpis);
        Assert.Equal(fromOrdered.Closing, fromShuffled.Closing);
        Assert.Equal(["cus_a", "cus_b", "cus_c", "cus_d"], fromShuffled.Closing.Select(entry => entry.CustomerId));
        Assert.Equal(
            [(MovementType.Expansion, 20m), (MovementType.Churn, 30m), (MovementType.New, 10m)],
            fromShuffled.Movements.Select(movement => (movement.Type, movement.Amount)));
    }

    [Fact]
    public void Compute_OpeningNotInLedgerAnyMore_ChurnAgainstLockedSnapshot()
    {
        var engine = new LedgerBuilder().Line("cus_r", 70m, On(1, 10), null).Engine();
        CustomerMonthEnd[] opening = [new("cus_r", 70m, EverPaid: true), new("cus_s", 100m, EverPaid: true)];

        var february = MonthEndCalculator.Compute(Month(2), opening, engine);

        Assert.Equal((170m, 70m, 100m), (february.Kpis.StartMrr, february.Kpis.Mrr, february.Kpis.ChurnedMrr));
        Assert.Equal([new("cus_r", 70m, true) { Parts = [Part(70m)] }, new CustomerMonthEnd("cus_s", 0m, true)], february.Closing);
    }

    [Fact]
    public void Compute_OpeningWithRepeatedCustomer_ThrowsNamingIt()
    {
        var engine = new LedgerBuilder().Engine();
        CustomerMonthEnd[] opening = [new("cus_b", 10m, true), new("cus_a", 20m, true), new("cus_b", 20m, true)];

        var error = Assert.Throws<ArgumentException>(() => MonthEndCalculator.Compute(Month(2), opening, engine));

        Assert.Contains("'cus_b' more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_OpeningWithNegativeMrr_Throws()
    {
        var engine = new LedgerBuilder().Engine();
        CustomerMonthEnd[] opening = [new("cus_a", -1m, true)];

        Assert.Throws<ArgumentException>(() => MonthEndCalculator.Compute(Month(2), opening, engine));
    }

    [Fact]
    public void Compute_ThousandsOfRepeatingDecimalAmounts_IdentityHoldsToDecimalResolution()
    {
        var ledger = new LedgerBuilder();
        for (var customer = 0; customer < 3000; customer++)
        {
            var id = $"cus_{customer:D4}";
            ledger.Line(id, 25m + (customer % 7), On(1, 6), On(2, 3), line => line with { Interval = new BillingInterval(IntervalUnit.Week, 1) });
            ledger.Line(id, 100m + (customer % 11), On(2, 3), On(3, 1), line => line with { SubscriptionId = "prorated" });
            ledger.Line(id, 1000m, On(2, 1), On(3, 1), line => line with { Interval = new BillingInterval(IntervalUnit.Day, 13) });
        }

        var kpis = ledger.CloseMonths(Month(1), Month(2))[Month(2)].Kpis;

        var expected = kpis.StartMrr + kpis.NewMrr + kpis.ExpansionMrr + kpis.ReactivationMrr - kpis.ContractionMrr - kpis.ChurnedMrr;
        Assert.InRange(kpis.Mrr - expected, -0.000000000001m, 0.000000000001m);
        Assert.Equal((3000, 3000, 0), (kpis.StartCustomers, kpis.Customers, kpis.NewCustomers));
    }

    private static decimal[] MrrByMonth(IReadOnlyDictionary<BillingMonth, MonthEndResult> closes) =>
        [.. closes.Values.Select(close => close.Kpis.Mrr)];

    private static (int Month, MovementType Type, decimal Amount)[] MovementsOf(
        IReadOnlyDictionary<BillingMonth, MonthEndResult> closes, string customerId) =>
        [.. closes.SelectMany(close => close.Value.Movements
            .Where(movement => movement.CustomerId == customerId)
            .Select(movement => (close.Key.Month, movement.Type, movement.Amount)))];
}
