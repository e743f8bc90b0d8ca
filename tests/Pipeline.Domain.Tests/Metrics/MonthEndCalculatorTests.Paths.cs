using System.Globalization;
using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

/// <summary>The close's faster paths (two slices in parallel, a trusted own snapshot) give exactly the plain merge's result.</summary>
public sealed partial class MonthEndCalculatorTests
{
    [Fact]
    public void Compute_ParallelSlicesAndOwnSnapshot_SameResultsAsOneVerifiedMerge()
    {
        var (engine, context) = GeneratedTenant(customers: 400);
        IReadOnlyCollection<CustomerMonthEnd> plainOpening = [];
        IReadOnlyCollection<CustomerMonthEnd> ownOpening = [];
        for (var month = Month(1); month <= Month(8); month = month.Next())
        {
            var plain = MonthEndCalculator.Compute(month, [.. plainOpening], engine, context, parallelThreshold: int.MaxValue);
            var fast = MonthEndCalculator.Compute(month, ownOpening, engine, context, parallelThreshold: 0);

            Assert.Equal(plain.Kpis, fast.Kpis);
            Assert.Equal(plain.Closing, fast.Closing);
            Assert.Equal(plain.Movements, fast.Movements);
            Assert.Equal(plain.Segments, fast.Segments);
            (plainOpening, ownOpening) = (plain.Closing, fast.Closing);
        }

        Assert.True(plainOpening.Count > 300);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Compute_LargeOwnSnapshotAndAlmostEmptyLedgerMonth_EveryoneButTheLedgerCustomersChurns(int stayers)
    {
        // A tenant whose lines all end before the month (the next invoices are not exported yet): the opening is
        // the close's own snapshot, large enough for two slices, and the ledger month has no customer or one.
        var ledger = new LedgerBuilder();
        for (var number = 0; number < 50; number++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"cus_{number:D2}");
            ledger.MonthlyInvoices(id, 10m, fromMonth: 1, months: number < stayers ? 2 : 1);
        }

        var engine = ledger.Engine();
        var january = MonthEndCalculator.Compute(Month(1), [], engine, context: null, parallelThreshold: 0);

        var february = MonthEndCalculator.Compute(Month(2), january.Closing, engine, context: null, parallelThreshold: 0);
        var plain = MonthEndCalculator.Compute(Month(2), [.. january.Closing], engine, context: null, parallelThreshold: int.MaxValue);

        Assert.Equal((500m, 10m * stayers, 500m - (10m * stayers), 50 - stayers), (
            february.Kpis.StartMrr, february.Kpis.Mrr, february.Kpis.ChurnedMrr, february.Kpis.ChurnedCustomers));
        Assert.Equal(plain.Kpis, february.Kpis);
        Assert.Equal(plain.Closing, february.Closing);
        Assert.Equal(plain.Movements, february.Movements);
    }

    [Fact]
    public void Compute_LargeOpeningAndEmptyLedgerMonth_ClosesOnTheDefaultThreshold()
    {
        // The reported failure: 20,000 customers invoiced monthly, the month after their last invoices.
        var ledger = new LedgerBuilder();
        for (var number = 0; number < MonthEndCalculator.ParallelThreshold; number++)
        {
            ledger.Line(string.Create(CultureInfo.InvariantCulture, $"cus_{number:D5}"), 25m, On(1, 1), On(2, 1));
        }

        var engine = ledger.Engine();
        var january = MonthEndCalculator.Compute(Month(1), [], engine);

        var february = MonthEndCalculator.Compute(Month(2), january.Closing, engine);

        Assert.Equal((500_000m, 0m, 500_000m, 20_000), (
            february.Kpis.StartMrr, february.Kpis.Mrr, february.Kpis.ChurnedMrr, february.Kpis.ChurnedCustomers));
        Assert.Equal(20_000, february.Closing.Count);
        Assert.Equal(0m, MonthEndCalculator.Compute(Month(3), february.Closing, engine).Kpis.Mrr);
    }

    [Fact]
    public void Compute_ParallelSlicesWithUnorderedOpening_SameResultAsOrdered()
    {
        var (engine, context) = GeneratedTenant(customers: 60);
        var opening = MonthEndCalculator.Compute(Month(1), [], engine, context).Closing;

        var ordered = MonthEndCalculator.Compute(Month(2), [.. opening], engine, context, parallelThreshold: 0);
        var shuffled = MonthEndCalculator.Compute(Month(2), [.. opening.Reverse()], engine, context, parallelThreshold: 0);

        Assert.Equal(ordered.Kpis, shuffled.Kpis);
        Assert.Equal(ordered.Closing, shuffled.Closing);
    }

    [Fact]
    public void Compute_ParallelSlicesWithRepeatedCustomer_ThrowsNamingIt()
    {
        var (engine, context) = GeneratedTenant(customers: 60);
        var opening = MonthEndCalculator.Compute(Month(1), [], engine, context).Closing;
        List<CustomerMonthEnd> repeated = [.. opening, opening[opening.Count / 2]];

        var error = Assert.Throws<ArgumentException>(() => MonthEndCalculator.Compute(Month(2), repeated, engine, context, parallelThreshold: 0));

        Assert.Contains($"'{opening[opening.Count / 2].CustomerId}' more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ParallelSlicesWithoutRate_ThrowsMissingExchangeRateItself()
    {
        var (engine, context) = GeneratedTenant(customers: 60);

        Assert.Throws<MissingExchangeRateException>(
            () => MonthEndCalculator.Compute(Month(1), [], engine, context with { Rates = ExchangeRateTable.Empty }, parallelThreshold: 0));
    }

    /// <summary>Customers in EUR or USD on three plans and two countries, some churning and returning, with bands.</summary>
    private static (MonthlyRecurringRevenue Engine, MonthEndContext Context) GeneratedTenant(int customers)
    {
        var random = new Random(7);
        var ledger = new LedgerBuilder();
        var records = new Dictionary<string, CustomerRecord>(StringComparer.Ordinal);
        for (var number = 0; number < customers; number++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"cus_{number:D4}");
            var (currency, plan) = (number % 3 == 0 ? Usd : Eur, string.Create(CultureInfo.InvariantCulture, $"plan_{random.Next(3)}"));
            var (first, months) = (random.Next(1, 6), random.Next(1, 8));
            ledger.MonthlyInvoices(id, 10m * random.Next(1, 40), first, Math.Min(months, 13 - first), line => line with { Currency = currency, Plan = plan });
            if (number % 5 == 0)
            {
                ledger.MonthlyInvoices(id, 10m * random.Next(1, 40), Math.Min(first + months + 1, 12), 1, line => line with { Plan = "comeback" });
            }

            records[id] = new CustomerRecord { CustomerId = id, Country = number % 4 == 0 ? null : number % 2 == 0 ? "NL" : "DE" };
        }

        var rates = UsdToEur((1, 0.9m), (2, 0.8m), (3, 0.85m), (4, 0.95m), (5, 0.9m), (6, 0.75m), (7, 0.8m), (8, 0.8m));
        return (ledger.Engine(), new MonthEndContext { Rates = rates, Customers = records, MrrBands = [100m, 250m] });
    }
}
