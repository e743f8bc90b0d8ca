using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

public sealed class MonthSeriesTests
{
    [Fact]
    public void Compute_CurrencyWithoutRateAtMonthEnd_ReturnsTheMissingRateInsteadOfThrowing()
    {
        var ledger = new LedgerBuilder()
            .MonthlyInvoices("cus_eur", 100m, fromMonth: 1, months: 3)
            .MonthlyInvoices("cus_usd", 50m, fromMonth: 2, months: 2, line => line with { Currency = Usd })
            .Build();
        var series = Series(ledger, UsdToEur((3, 0.9m)));

        var january = series.Compute(Month(1), []);
        var february = series.Compute(Month(2), january.Computed!.Result.Closing);
        var march = series.Compute(Month(3), january.Computed.Result.Closing);

        Assert.Equal(100m, january.Computed.Result.Kpis.Mrr);
        Assert.Null(february.Computed);
        Assert.Equal(new MissingRate(Usd, Eur, Month(2)), february.MissingRate);
        Assert.Equal("No USD/EUR exchange rate on or before the end of 2025-02: drop a rates file that covers 2025-02 to close it.", february.MissingRate!.Message);
        Assert.Equal(145m, march.Computed!.Result.Kpis.Mrr);
    }

    [Fact]
    public void Compute_OpeningInACurrencyTheLedgerNoLongerHas_StillNeedsItsRate()
    {
        // The opening is a locked snapshot with a USD part; the ledger's USD line was voided since: restating the
        // start at r_m still needs the USD rate.
        var ledger = new LedgerBuilder().MonthlyInvoices("cus_eur", 100m, fromMonth: 1, months: 2).Build();
        CustomerMonthEnd[] opening = [new("cus_usd", 45m, EverPaid: true) { Parts = [Part(50m, Usd, mrr: 45m)] }];

        var outcome = Series(ledger, ExchangeRateTable.Empty).Compute(Month(2), opening, lockedVersion: 1);

        Assert.Equal(new MissingRate(Usd, Eur, Month(2)), outcome.MissingRate);
    }

    [Fact]
    public void Compute_ThirteenMonths_Nrr12AgainstTheMonthTwelveBeforeThatTheSeriesStillHolds()
    {
        var ledger = new LedgerBuilder()
            .MonthlyInvoices("cus_a", 100m, fromMonth: 1, months: 12)
            .Line("cus_a", 100m, On(12, 1).AddMonths(1), On(12, 1).AddMonths(2))
            .MonthlyInvoices("cus_b", 50m, fromMonth: 1, months: 6)
            .Build();
        var series = Series(ledger, ExchangeRateTable.Empty);

        IReadOnlyList<CustomerMonthEnd> opening = [];
        MonthOutcome outcome = null!;
        for (var month = Month(1); month <= new BillingMonth(2026, 1); month = month.Next())
        {
            outcome = series.Compute(month, opening);
            opening = outcome.Computed!.Result.Closing;
        }

        Assert.Equal((100m / 150m, 100m / 150m), (outcome.Computed!.Result.Kpis.Nrr12, outcome.Computed.Result.Kpis.Grr12));
        Assert.False(series.Holds(Month(1)));
        Assert.True(series.Holds(Month(2)));
    }

    private static MonthSeries Series(IReadOnlyList<RevenueLine> lines, ExchangeRateTable rates) =>
        new(new MonthSeriesInputs
        {
            Revenue = new MonthlyRecurringRevenue(lines, UtcSettings),
            Context = new MonthEndContext { Rates = rates },
            Ledger = LedgerLines.Of(lines),
        });
}
