using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Ads;

/// <summary>Reads the rows of a Google Ads report into daily spend per campaign (EXPORTS.md B9.1, C4).</summary>
/// <remarks>
/// <c>Cost</c> is in major units of the account currency given in <c>Currency code</c>, written as displayed
/// (<c>$174.59</c>, <c>1.234,56</c>). Summary rows (<c>Total: Account</c>, <c>Total: Campaigns</c>, or any row whose
/// day is not a date and whose first cell starts with "Total") are skipped with one warning, or spend would double.
/// </remarks>
internal sealed class GoogleAdsSpendCsvReader : IExportRowReader
{
    private const string CostExpected = "an amount such as 174.59, 1.234,56 or $174.59";

    private readonly DateColumn _day;
    private readonly CurrencyColumn _currency;
    private readonly AdSpendRows _rows;

    public GoogleAdsSpendCsvReader(CsvHeader header, CsvLayout layout)
    {
        _day = new DateColumn(AdHeader.Column(header, GoogleAdsFormat.DayNames), layout);
        _currency = new CurrencyColumn(AdHeader.Column(header, GoogleAdsFormat.CurrencyNames), reportingCurrency: null,
            "Currency code is empty: every row needs the account's ISO 4217 currency code, such as EUR or USD.");
        var cost = new DecimalColumn(AdHeader.Column(header, GoogleAdsFormat.CostNames), layout.DecimalCommaByDefault, CostExpected, moneyText: true);
        _rows = new AdSpendRows(GoogleAdsFormat.Channel, cost,
            AdHeader.Column(header, GoogleAdsFormat.CampaignNames), AdHeader.Column(header, GoogleAdsFormat.CampaignIdNames));
    }

    public IReadOnlyList<SpendRecord> Spend => _rows.Records;

    public IReadOnlyList<string> Warnings => _rows.Warnings();

    public void Read(CsvRecord record)
    {
        if (!_day.IsDate(record) && record.FirstCell is var first && first.StartsWith("Total", StringComparison.OrdinalIgnoreCase))
        {
            _rows.SkipSummary(record, first);
            return;
        }

        var day = _day.ReadRequired(record, "Day is empty: every row needs the day of its cost; download the report segmented by day.");
        _rows.Read(record, AdSpendRows.Day(day), _currency.Read(record));
    }
}
