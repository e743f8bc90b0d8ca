using Pipeline.Domain.Metrics;
using Pipeline.Domain.Receivables;

namespace Pipeline.Domain.Tests.Receivables;

/// <summary>Receivables at a month end (METRICS.md §10): what is outstanding, how late, and DSO — a hand-computed ledger.</summary>
public sealed class ReceivablesAgingTests
{
    private static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");
    private static readonly BillingMonth March = new(2025, 3);

    /// <summary>
    /// T = 2025-03-31 23:59:59.9999999 UTC.
    /// inv-1 (a) open, 100.00 + 21.00 tax, due 03-24: 121.00, 7 days → 1–30.
    /// inv-2 (a) past due, 50.00 + 50.00, due 01-15, 40.00 paid 02-01: 60.00, 75 days → 61–90.
    /// inv-3 (b) paid 04-05 (after T), 200.00, due 04-19: 200.00 not yet due.
    /// inv-4 (b) paid, no linked payment: 0 (invoiced 80.00 in February).
    /// inv-5 (c) void: never owed, not invoiced.
    /// inv-6 (c) open, 100.00 USD issued 2024-11-01, due 11-30, at 0.90: 90.00, 121 days → over 90 (not invoiced in Jan–Mar).
    /// inv-7 (d) open, issued 04-02: after T, nothing.
    /// inv-8 (e) known only from the invoices export: open, 10.00, due 03-31: 0 whole days → not yet due.
    /// inv-9 (e) a line says open, the invoices export says paid, paid 03-15: 0 (invoiced 25.00).
    /// Total 481.00 = 210.00 not yet due + 121.00 + 60.00 + 90.00; invoiced Jan–Mar 121 + 100 + 200 + 80 + 10 + 25 = 536.00;
    /// DSO = 481 ÷ 536 × 91 = 81.66 → 81.7.
    /// </summary>
    [Fact]
    public void At_MonthEnd_AgesEveryUnpaidBalance_AndDsoOverTheLastThreeMonths()
    {
        var aging = Aging();

        var totals = aging.Totals(aging.Invoices);

        Assert.Equal(210.00m, totals.NotYetDue);
        Assert.Equal(121.00m, totals.Days1To30);
        Assert.Equal(0m, totals.Days31To60);
        Assert.Equal(60.00m, totals.Days61To90);
        Assert.Equal(90.00m, totals.Over90);
        Assert.Equal(481.00m, totals.Total);
        Assert.Equal(536.00m, totals.InvoicedLastThreeMonths);
        Assert.Equal(81.7m, totals.Dso);
        Assert.Equal(4, totals.Customers);
        Assert.Equal(5, totals.Invoices);
        Assert.Equal(121, totals.OldestDaysPastDue);
        Assert.Equal(["inv-6", "inv-2", "inv-8", "inv-1", "inv-3"], aging.Outstanding.Select(invoice => invoice.InvoiceId));
    }

    [Fact]
    public void At_MonthEnd_EachInvoiceSaysWhereItsBalanceComesFrom()
    {
        var invoices = Aging().Invoices.ToDictionary(invoice => invoice.InvoiceId);

        var partlyPaid = invoices["inv-2"];
        Assert.Equal((100.00m, 40.00m, 60.00m, 75, AgingBucket.Days61To90), (partlyPaid.Total, partlyPaid.PaidByMonthEnd, partlyPaid.Balance, partlyPaid.DaysPastDue, partlyPaid.Bucket));
        var foreign = invoices["inv-6"];
        Assert.Equal((Usd, 100.00m, 90.00m, 121, AgingBucket.Over90), (foreign.Currency, foreign.Balance, foreign.ReportedBalance, foreign.DaysPastDue, foreign.Bucket));
        var paidLater = invoices["inv-3"];
        Assert.Equal((DocumentStatus.Paid, 200.00m, -19, AgingBucket.NotYetDue), (paidLater.Status, paidLater.Balance, paidLater.DaysPastDue, paidLater.Bucket));
        var fromTheExport = invoices["inv-8"];
        Assert.Equal(("e", 10.00m, 0, AgingBucket.NotYetDue), (fromTheExport.CustomerId, fromTheExport.Balance, fromTheExport.DaysPastDue, fromTheExport.Bucket));
        Assert.Equal((DocumentStatus.Paid, 0m), (invoices["inv-9"].Status, invoices["inv-9"].Balance));
        Assert.Equal(0m, invoices["inv-4"].Balance);
        Assert.False(invoices.ContainsKey("inv-5"));
        Assert.False(invoices.ContainsKey("inv-7"));
    }

    [Fact]
    public void Totals_OfOneCustomer()
    {
        var aging = Aging();

        var a = aging.Totals(aging.Invoices.Where(invoice => invoice.CustomerId == "a"));

        // 121 + 60 outstanding of 121 + 100 invoiced: 181 ÷ 221 × 91 = 74.53 → 74.5.
        Assert.Equal((181.00m, 221.00m, 74.5m, 1, 2), (a.Total, a.InvoicedLastThreeMonths, a.Dso, a.Customers, a.Invoices));
    }

    [Fact]
    public void Totals_NothingInvoiced_DsoIsNull_NotZero()
    {
        var aging = Aging();

        var c = aging.Totals(aging.Invoices.Where(invoice => invoice.CustomerId == "c"));

        Assert.Equal(90.00m, c.Total);
        Assert.Equal(0m, c.InvoicedLastThreeMonths);
        Assert.Null(c.Dso);
    }

    [Fact]
    public void At_AnInvoiceInAnotherCurrencyWithoutARate_Throws()
    {
        RevenueLine[] lines = [Line("inv-6", "c", 100.00m, On(2024, 11, 1)) with { Currency = Usd, Status = DocumentStatus.Open }];

        Assert.Throws<MissingExchangeRateException>(() =>
            ReceivablesAging.At(March, TimeZoneInfo.Utc, Eur, lines.Select(InvoiceLine.From), [], [], ExchangeRateTable.Empty));
    }

    [Theory]
    [InlineData(-5, AgingBucket.NotYetDue)]
    [InlineData(0, AgingBucket.NotYetDue)]
    [InlineData(1, AgingBucket.Days1To30)]
    [InlineData(30, AgingBucket.Days1To30)]
    [InlineData(31, AgingBucket.Days31To60)]
    [InlineData(60, AgingBucket.Days31To60)]
    [InlineData(61, AgingBucket.Days61To90)]
    [InlineData(90, AgingBucket.Days61To90)]
    [InlineData(91, AgingBucket.Over90)]
    public void BucketOf_WholeDaysPastDue(int days, AgingBucket expected) => Assert.Equal(expected, ReceivablesAging.BucketOf(days));

    private static ReceivablesAging Aging()
    {
        RevenueLine[] lines =
        [
            Line("inv-1", "a", 100.00m, On(2025, 3, 10)) with { Tax = 21.00m, Status = DocumentStatus.Open, DueAt = On(2025, 3, 24) },
            Line("inv-2", "a", 50.00m, On(2025, 1, 1)) with { Status = DocumentStatus.PastDue, DueAt = On(2025, 1, 15) },
            Line("inv-2", "a", 50.00m, On(2025, 1, 1), "2") with { Status = DocumentStatus.PastDue, DueAt = On(2025, 1, 15) },
            Line("inv-3", "b", 200.00m, On(2025, 3, 20)) with { DueAt = On(2025, 4, 19) },
            Line("inv-4", "b", 80.00m, On(2025, 2, 1)),
            Line("inv-5", "c", 30.00m, On(2025, 3, 1)) with { Status = DocumentStatus.Void },
            Line("inv-6", "c", 100.00m, On(2024, 11, 1)) with { Currency = Usd, Status = DocumentStatus.Open, DueAt = On(2024, 11, 30) },
            Line("inv-7", "d", 40.00m, On(2025, 4, 2)) with { Status = DocumentStatus.Open },
            Line("inv-9", "e", 25.00m, On(2025, 3, 5)) with { Status = DocumentStatus.Open },
        ];
        InvoiceDocument[] documents =
        [
            new() { InvoiceId = "inv-8", CustomerId = "e", Status = DocumentStatus.Open, IssuedAt = On(2025, 3, 1), DueAt = On(2025, 3, 31), Currency = Eur, Total = 10.00m },
            new() { InvoiceId = "inv-9", Status = DocumentStatus.Paid },
            new() { InvoiceId = "inv-10", Status = DocumentStatus.Open }, // no lines, and no customer or total: nothing known is owed
        ];
        MoneyMovement[] payments =
        [
            Payment("inv-2", 40.00m, On(2025, 2, 1)),
            Payment("inv-3", 200.00m, On(2025, 4, 5)),
            Payment("inv-9", 25.00m, On(2025, 3, 15)),
            Payment("inv-1", -5.00m, On(2025, 3, 20)) with { Type = MoneyMovementType.Refund },
        ];
        var rates = new ExchangeRateTable([new ExchangeRate(new DateOnly(2025, 3, 31), Usd, Eur, 0.90m)]);
        return ReceivablesAging.At(March, TimeZoneInfo.Utc, Eur, lines.Select(InvoiceLine.From), documents, payments, rates);
    }

    private static RevenueLine Line(string invoice, string customer, decimal amount, DateTimeOffset issued, string suffix = "1") => new()
    {
        LineKey = $"{invoice}-{suffix}",
        InvoiceId = invoice,
        CustomerId = customer,
        Amount = amount,
        Currency = Eur,
        Interval = BillingInterval.Monthly,
        ServiceStart = issued,
        ServiceEnd = issued.AddMonths(1),
        IssuedAt = issued,
    };

    private static MoneyMovement Payment(string invoice, decimal amount, DateTimeOffset at) => new()
    {
        MovementKey = $"ch-{invoice}",
        Type = MoneyMovementType.Payment,
        InvoiceId = invoice,
        Amount = amount,
        Currency = CurrencyCode.Parse("EUR"),
        OccurredAt = at,
    };

    private static DateTimeOffset On(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);
}
