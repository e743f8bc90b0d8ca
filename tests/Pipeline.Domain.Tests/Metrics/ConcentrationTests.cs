using Pipeline.Domain.Metrics;

namespace Pipeline.Domain.Tests.Metrics;

public sealed class ConcentrationTests
{
    [Fact]
    public void Of_FiveCustomers_MatchesHandComputedFigures()
    {
        // N = 5, total = 2,000.
        // Top 20 %: ⌈0.2 × 5⌉ = 1 customer → 1,000 ÷ 2,000 = 0.5.
        // 80 % of 2,000 = 1,600; largest first 1,000 → 1,400 → 1,800 ≥ 1,600 at k = 3 → 3 ÷ 5 = 0.6.
        // Top 10: all five → 1.
        // Gini, ascending x = 100, 200, 300, 400, 1,000:
        //   Σ i·x_i = 1·100 + 2·200 + 3·300 + 4·400 + 5·1,000 = 100 + 400 + 900 + 1,600 + 5,000 = 8,000
        //   G = 2 × 8,000 ÷ (5 × 2,000) − 6 ÷ 5 = 1.6 − 1.2 = 0.4
        // HHI: shares 0.05, 0.10, 0.15, 0.20, 0.50
        //   0.0025 + 0.01 + 0.0225 + 0.04 + 0.25 = 0.325
        var figures = Concentration.Of([300m, 100m, 1000m, 200m, 400m]);

        Assert.Equal(new ConcentrationFigures(0.5m, 0.6m, 1m, 0.4m, 0.325m), figures);
    }

    [Fact]
    public void Of_CustomersWithZeroMrr_LeftOut()
    {
        var figures = Concentration.Of([0m, 300m, 100m, 0m, 1000m, 200m, 400m]);

        Assert.Equal(new ConcentrationFigures(0.5m, 0.6m, 1m, 0.4m, 0.325m), figures);
    }

    [Fact]
    public void Of_OneCustomer_HoldsEverythingWithGiniZero()
    {
        var figures = Concentration.Of([49.99m]);

        Assert.Equal(new ConcentrationFigures(1m, 1m, 1m, 0m, 1m), figures);
    }

    [Fact]
    public void Of_FiveTiedCustomers_SharesProportionalToCountAndGiniZero()
    {
        // Top 20 % = 1 of 5 customers = 0.2; 80 % needs 4 of 5; HHI = 5 × 0.2² = 0.2.
        var figures = Concentration.Of([100m, 100m, 100m, 100m, 100m]);

        Assert.Equal(new ConcentrationFigures(0.2m, 0.8m, 1m, 0m, 0.2m), figures);
    }

    [Fact]
    public void Of_LargestCustomerMakesExactlyEightyPercent_OneCustomerIsEnough()
    {
        var figures = Concentration.Of([20m, 80m]);

        Assert.Equal(0.5m, figures.CustomerFractionFor80Percent);
    }

    [Fact]
    public void Of_TwelveCustomers_TopTenAndTopFifthLeaveOutTheSmallest()
    {
        // Ten customers at 100 and two at 50: total 1,100.
        // Top 20 %: ⌈2.4⌉ = 3 → 300 ÷ 1,100. Top 10: 1,000 ÷ 1,100. 80 % = 880 → 9 customers → 9 ÷ 12 = 0.75.
        // Gini: Σ i·x_i = 50 + 100 + 100 × (3 + … + 12) = 7,650; (2 × 7,650 − 13 × 1,100) ÷ (12 × 1,100) = 1,000 ÷ 13,200.
        // HHI: 10 × (1/11)² + 2 × (1/22)² = 42 ÷ 484.
        decimal[] mrr = [.. Enumerable.Repeat(100m, 10), 50m, 50m];

        var figures = Concentration.Of(mrr);

        Assert.Equal(300m / 1100m, figures.Top20PercentShare);
        Assert.Equal(1000m / 1100m, figures.Top10Share);
        Assert.Equal(0.75m, figures.CustomerFractionFor80Percent);
        Assert.Equal(1000m / 13200m, figures.Gini);
        Assert.Equal(42m / 484m, figures.Herfindahl!.Value, 26);
    }

    [Fact]
    public void Of_NoCustomers_AllNull()
    {
        Assert.Equal(new ConcentrationFigures(null, null, null, null, null), Concentration.Of([]));
    }

    [Fact]
    public void Of_OnlyCustomersWithoutMrr_AllNull()
    {
        Assert.Equal(new ConcentrationFigures(null, null, null, null, null), Concentration.Of([0m, 0m]));
    }

    [Fact]
    public void SortLargestFirst_ValuesADoubleCannotTellApart_RankedExactly()
    {
        // 1, 1 + 1e-28 and 1 + 2e-28 are one and the same double; only the exact comparison orders them. Two of them
        // also differ in scale only (1.0 and 1.00), which must stay together.
        var largest = 1.0000000000000000000000000002m;
        var second = 1.0000000000000000000000000001m;
        decimal[] values = [second, 0.5m, 1.0m, 0.25m, largest, 1.00m, 0.125m, second];

        Concentration.SortLargestFirst(values);

        Assert.Equal([largest, second, second, 1m, 1m, 0.5m, 0.25m, 0.125m], values);
        Assert.Equal(1d, (double)largest);
    }

    [Fact]
    public void Of_ManyRandomValues_SameFiguresAsAnExactDecimalSort()
    {
        var random = new Random(20251207);
        for (var run = 0; run < 20; run++)
        {
            // Plain amounts, converted amounts with long fractions, ties, and neighbours closer than a double can tell.
            var mrr = Enumerable.Range(0, 2_000).Select(_ => random.Next(4) switch
            {
                0 => random.Next(1, 500) + 0.99m,
                1 => random.Next(1, 100_000) / 7m,
                2 => 49m,
                _ => 10m + (random.Next(1, 1_000) * 0.0000000000000000000000001m),
            }).ToArray();
            var largestFirst = mrr.OrderDescending().ToArray();
            var total = largestFirst.Sum();

            var figures = Concentration.Of(mrr);

            Assert.Equal(largestFirst.Take(400).Sum() / total, figures.Top20PercentShare);
            Assert.Equal(largestFirst.Take(10).Sum() / total, figures.Top10Share);
            Assert.Equal(Gini(largestFirst, total), figures.Gini);
            Assert.Equal((decimal)CustomersFor80Percent(largestFirst, total) / largestFirst.Length, figures.CustomerFractionFor80Percent);
            Assert.Equal(largestFirst.Sum(mrr => (mrr / total) * (mrr / total)), figures.Herfindahl!.Value, 20);
        }
    }

    private static int CustomersFor80Percent(decimal[] largestFirst, decimal total)
    {
        var running = 0m;
        for (var k = 0; k < largestFirst.Length; k++)
        {
            running += largestFirst[k];
            if (running >= 0.8m * total)
            {
                return k + 1;
            }
        }

        return largestFirst.Length;
    }

    [Fact]
    public void OfCustomers_SameFiguresAsOfTheirMrr()
    {
        decimal[] mrr = [0m, 300m, 100m, 0m, 1000m, 200m, 400m];
        var closing = mrr.Select((amount, index) => new CustomerMonthEnd($"cus_{index}", amount, EverPaid: true)).ToList();

        var ordered = closing.OrderBy(row => row.CustomerId, StringComparer.Ordinal).ToList();
        var snapshot = new ClosingSnapshot(ordered, [.. Enumerable.Range(0, ordered.Count).Where(index => ordered[index].Mrr > 0m)], null);

        Assert.Equal(Concentration.Of(mrr), Concentration.OfCustomers(closing));
        Assert.Equal(new ConcentrationFigures(0.5m, 0.6m, 1m, 0.4m, 0.325m), Concentration.OfCustomers(closing));
        Assert.Equal(new ConcentrationFigures(0.5m, 0.6m, 1m, 0.4m, 0.325m), Concentration.OfCustomers(snapshot));
    }

    /// <summary>G as METRICS.md §5 defines it, from values sorted largest first (descending position k is rank N − k).</summary>
    private static decimal Gini(decimal[] largestFirst, decimal total)
    {
        var weighted = 0m;
        for (var k = 0; k < largestFirst.Length; k++)
        {
            weighted += (largestFirst.Length - k) * largestFirst[k];
        }

        return ((2m * weighted) - ((largestFirst.Length + 1) * total)) / (largestFirst.Length * total);
    }
}
