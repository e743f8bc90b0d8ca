using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Ads;

/// <summary>Reads the rows of a LinkedIn Campaign Manager export into daily spend per campaign (EXPORTS.md B9.3, C4).</summary>
/// <remarks>
/// Dates are US month-first (<c>1/31/2025</c>) unless the file's dates show otherwise or it was re-saved with <c>;</c>
/// (a European Excel, day first): the order is decided per file (<see cref="CsvLayout.DayFirst"/>). One row per creative is common, so rows of one day and campaign are added up.
/// </remarks>
internal sealed class LinkedInAdsSpendCsvReader(CsvHeader header, CsvLayout layout) : IExportRowReader
{
    private const string AmountExpected = "an amount such as 174.59 or 1.234,56";

    private readonly DateColumn _day = new(header.Column(LinkedInAdsFormat.StartDate), layout);
    private readonly CurrencyColumn _currency = new(header.Column(LinkedInAdsFormat.Currency), reportingCurrency: null,
        "Currency is empty: every row needs the ad account's ISO 4217 currency code, such as EUR or USD.");
    private readonly AdSpendRows _rows = new(LinkedInAdsFormat.Channel,
        new DecimalColumn(header.Column(LinkedInAdsFormat.TotalSpent), layout.DecimalCommaByDefault, AmountExpected, moneyText: true),
        header.Column(LinkedInAdsFormat.CampaignName), header.Column(LinkedInAdsFormat.CampaignId));

    public IReadOnlyList<SpendRecord> Spend => _rows.Records;

    public IReadOnlyList<string> Warnings => _rows.Warnings();

    public void Read(CsvRecord record)
    {
        var day = _day.ReadRequired(record, "Start Date (in UTC) is empty: every row needs the day of its spend.");
        _rows.Read(record, AdSpendRows.Day(day), _currency.Read(record));
    }
}
