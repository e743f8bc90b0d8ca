using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Ads;

/// <summary>A LinkedIn Campaign Manager performance export (EXPORTS.md B9.3), recognised by <c>Start Date (in UTC)</c> + <c>Total Spent</c>.</summary>
/// <remarks>
/// The report's metadata lines above the header are skipped by the header sniffer. The amount's currency must come
/// from a <c>Currency</c> column: guessing the account currency could turn dollars into euros, so a file without one
/// is refused with how to fix it.
/// </remarks>
internal sealed class LinkedInAdsFormat : IExportFormat
{
    public const string FormatName = "linkedin-ads";
    public const string Channel = "linkedin_ads";

    internal const string StartDate = "start date (in utc)";
    internal const string TotalSpent = "total spent";
    internal const string Currency = "currency";
    internal const string CampaignName = "campaign name";
    internal const string CampaignId = "campaign id";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { StartDate, TotalSpent, Currency, CampaignName, CampaignId };

    public string Name => FormatName;

    public string Expectation => "LinkedIn Ads performance export (columns Start Date (in UTC), Campaign Name, Total Spent, Currency)";

    public IReadOnlyList<string> RequiredColumns => [StartDate, TotalSpent, Currency];

    public bool Reads(string normalisedName) => Known.Contains(normalisedName);

    public bool Recognises(CsvHeader header) => header.Has(StartDate) && header.Has(TotalSpent);

    public IReadOnlyList<string> MissingColumns(CsvHeader header) =>
        header.Has(Currency)
            ? []
            : ["Currency (LinkedIn's export may leave it out: add a column Currency with the ad account's ISO 4217 code, such as EUR, on every row)"];

    public string Evidence(CsvHeader header) => "header has start date (in utc), total spent";

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new LinkedInAdsSpendCsvReader(header, layout);
}
