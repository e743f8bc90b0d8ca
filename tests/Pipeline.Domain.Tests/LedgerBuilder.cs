using System.Globalization;
using Pipeline.Domain.Metrics;

namespace Pipeline.Domain.Tests;

/// <summary>Builds 2025 EUR ledgers (UTC unless told) and closes them month after month, like the close does.</summary>
internal sealed class LedgerBuilder
{
    public static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");

    public static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    public static readonly MetricSettings UtcSettings = new(Eur, TimeZoneInfo.Utc);

    private readonly List<RevenueLine> _lines = [];

    public static DateTimeOffset On(int month, int day) => new(2025, month, day, 0, 0, 0, TimeSpan.Zero);

    public static BillingMonth Month(int month) => new(2025, month);

    /// <summary>A paid monthly line for <c>[start, end)</c>; <paramref name="adjust"/> changes any other field.</summary>
    public LedgerBuilder Line(
        string customer, decimal amount, DateTimeOffset start, DateTimeOffset? end, Func<RevenueLine, RevenueLine>? adjust = null)
    {
        var line = new RevenueLine
        {
            LineKey = string.Create(CultureInfo.InvariantCulture, $"li_{_lines.Count + 1}"),
            CustomerId = customer,
            Amount = amount,
            Currency = Eur,
            Interval = BillingInterval.Monthly,
            ServiceStart = start,
            ServiceEnd = end,
            IssuedAt = start,
            RowNumber = _lines.Count + 2,
        };
        _lines.Add(adjust is null ? line : adjust(line));
        return this;
    }

    /// <summary>One paid invoice line per month from <paramref name="fromMonth"/>, each <c>[1st, 1st of next month)</c>.</summary>
    public LedgerBuilder MonthlyInvoices(string customer, decimal amount, int fromMonth, int months, Func<RevenueLine, RevenueLine>? adjust = null)
    {
        for (var month = fromMonth; month < fromMonth + months; month++)
        {
            var start = Month(month).StartInstant(TimeZoneInfo.Utc);
            Line(customer, amount, start, Month(month).Next().StartInstant(TimeZoneInfo.Utc), adjust);
        }

        return this;
    }

    public IReadOnlyList<RevenueLine> Build() => [.. _lines];

    /// <summary>The ledger <see cref="LedgerAssembly"/> makes of the files, each line as the columnar ledger gives it back.</summary>
    public static IReadOnlyList<RevenueLine> Assembled(params ReceivedLines[] files)
    {
        var assembly = new LedgerAssembly([], []);
        foreach (var file in files)
        {
            foreach (var line in file.Lines)
            {
                assembly.Add(file.Source, line);
            }
        }

        return [.. assembly.Complete([On(12, 31)]).Lines];
    }

    /// <summary>A builder over lines a ledger rule produced (for example <see cref="Assembled"/>).</summary>
    public static LedgerBuilder Of(IEnumerable<RevenueLine> lines)
    {
        var builder = new LedgerBuilder();
        builder._lines.AddRange(lines);
        return builder;
    }

    /// <summary>The lines as the ledger reader hands them to the engine: unused-time proration credits applied.</summary>
    public LedgerBuilder WithProrationCredits()
    {
        var credited = ProrationCredits.Apply([.. _lines]);
        _lines.Clear();
        _lines.AddRange(credited);
        return this;
    }

    /// <summary>The lines as the ledger reader hands them to the engine: snapshot history applied.</summary>
    public LedgerBuilder WithSnapshotHistory()
    {
        var chained = SnapshotHistory.Apply([.. _lines]);
        _lines.Clear();
        _lines.AddRange(chained);
        return this;
    }

    public MonthlyRecurringRevenue Engine(MetricSettings? settings = null) => new(Build(), settings ?? UtcSettings);

    /// <summary>One MRR part without plan or product: what a plain line of this builder makes.</summary>
    public static MrrPart Part(decimal native, CurrencyCode? currency = null, decimal? mrr = null) =>
        new(null, null, currency ?? Eur, native, mrr ?? native);

    /// <summary>A snapshot row with one reporting-currency part, as the close writes it.</summary>
    public static CustomerMonthEnd Row(string customer, decimal mrr, int cohortMonth) =>
        new(customer, mrr, EverPaid: true) { Parts = mrr > 0m ? [Part(mrr)] : [], CohortMonth = Month(cohortMonth) };

    /// <summary>Month-end rates USD→EUR for 2025, keyed by month number.</summary>
    public static ExchangeRateTable UsdToEur(params (int Month, decimal Rate)[] rates) =>
        new(rates.Select(rate => new ExchangeRate(Month(rate.Month).LastDay, Usd, Eur, rate.Rate)));

    /// <summary>Closes every month from <paramref name="first"/> to <paramref name="last"/>, each against the previous closing.</summary>
    public IReadOnlyDictionary<BillingMonth, MonthEndResult> CloseMonths(
        BillingMonth first, BillingMonth last, MetricSettings? settings = null, MonthEndContext? context = null)
    {
        var engine = Engine(settings);
        var results = new SortedDictionary<BillingMonth, MonthEndResult>();
        IReadOnlyCollection<CustomerMonthEnd> opening = [];
        for (var month = first; month <= last; month = month.Next())
        {
            results[month] = MonthEndCalculator.Compute(month, opening, engine, context);
            opening = results[month].Closing;
        }

        return results;
    }
}
