using System.Globalization;
using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Ads;

/// <summary>Reads the rows of a Meta Ads Manager report into spend per day (or month) and campaign (EXPORTS.md B9.2, C4).</summary>
/// <remarks>
/// The day is <c>Day</c>, else <c>Reporting starts</c>. A row for a longer period without <c>Day</c> counts in the month
/// of <c>Reporting starts</c> only when <c>Reporting ends</c> is in the same month; spend over several months cannot be
/// split without guessing, so such a row is refused with how to export it. Meta's summary row (all name columns
/// empty, or an empty <c>Day</c> on the first row) is skipped with a warning.
/// </remarks>
internal sealed class MetaAdsSpendCsvReader : IExportRowReader
{
    private const string AmountExpected = "an amount such as 174.59 or 1.234,56";

    private readonly DateColumn _day;
    private readonly DateColumn _starts;
    private readonly DateColumn _ends;
    private readonly CsvColumn _currencyColumn;
    private readonly CurrencyColumn _currency;
    private readonly CurrencyCode? _headerCurrency;
    private readonly CsvColumn[] _names;
    private readonly AdSpendRows _rows;
    private bool _sawRow;

    public MetaAdsSpendCsvReader(CsvHeader header, CsvLayout layout)
    {
        _day = new DateColumn(header.Column(MetaAdsFormat.Day), layout);
        _starts = new DateColumn(header.Column(MetaAdsFormat.ReportingStarts), layout);
        _ends = new DateColumn(header.Column(MetaAdsFormat.ReportingEnds), layout);
        _currencyColumn = header.Column(MetaAdsFormat.Currency);
        _currency = new CurrencyColumn(_currencyColumn, reportingCurrency: null);
        var amount = AdHeader.ColumnStartingWith(header, MetaAdsFormat.AmountSpent);
        _headerCurrency = MetaAdsFormat.HeaderCurrency(amount);
        _names = MetaAdsFormat.NameColumns.Where(header.Has).Select(header.Column).ToArray();
        _rows = new AdSpendRows(MetaAdsFormat.Channel, new DecimalColumn(amount, layout.DecimalCommaByDefault, AmountExpected, moneyText: true),
            header.Column(MetaAdsFormat.CampaignName), header.Column(MetaAdsFormat.CampaignId));
    }

    public IReadOnlyList<SpendRecord> Spend => _rows.Records;

    public IReadOnlyList<string> Warnings => _rows.Warnings();

    public void Read(CsvRecord record)
    {
        var first = !_sawRow;
        _sawRow = true;
        if (IsSummary(record, first))
        {
            _rows.SkipSummary(record, string.Concat(_rows.Amount.Column.Name, " ", record.Written(_rows.Amount.Column)));
            return;
        }

        var period = ReadPeriod(record);
        _rows.Read(record, period, ReadCurrency(record));
    }

    private bool IsSummary(CsvRecord record, bool first) =>
        _names.Length > 0
            ? _names.All(name => record.Span(name).IsEmpty)
            : first && _day.Column.IsPresent && record.Span(_day.Column).IsEmpty;

    private SpendPeriod? ReadPeriod(CsvRecord record)
    {
        if (!record.Span(_day.Column).IsEmpty || !_starts.Column.IsPresent)
        {
            return AdSpendRows.Day(_day.ReadRequired(record, "Day is empty: every row needs the day of its spend."));
        }

        var starts = _starts.ReadRequired(record, "Reporting starts is empty: every row needs the start of its reporting period.");
        var ends = _ends.Read(record);
        if (starts is not { } start || (ends is null && !record.Span(_ends.Column).IsEmpty))
        {
            return null;
        }

        var end = ends ?? start;
        if (end == start)
        {
            return new SpendPeriod(start, BillingMonth.FromDate(start));
        }

        if (end > start && BillingMonth.FromDate(end) == BillingMonth.FromDate(start))
        {
            return new SpendPeriod(Date: null, BillingMonth.FromDate(start));
        }

        record.Fail(_ends.Column, end < start
            ? string.Create(CultureInfo.InvariantCulture, $"Reporting ends {end:yyyy-MM-dd} is before Reporting starts {start:yyyy-MM-dd}.")
            : string.Create(CultureInfo.InvariantCulture,
                $"the reporting period {start:yyyy-MM-dd} to {end:yyyy-MM-dd} spans more than one month, so its spend cannot be put in one month: export the report with a daily breakdown (Breakdown > By time > Day) or a monthly one (> Month)."));
        return null;
    }

    private CurrencyCode? ReadCurrency(CsvRecord record)
    {
        if (!record.Span(_currencyColumn).IsEmpty || _headerCurrency is null)
        {
            return _currency.Read(record);
        }

        return _headerCurrency;
    }
}
