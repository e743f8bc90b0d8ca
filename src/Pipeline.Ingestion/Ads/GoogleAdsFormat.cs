using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Ads;

/// <summary>A Google Ads report download (EXPORTS.md B9.1), recognised by <c>Currency code</c> + <c>Cost</c> + (<c>Impr.</c> or <c>Clicks</c>).</summary>
/// <remarks>
/// The UI is localised, so the Dutch names (<c>Dag</c>, <c>Campagne</c>, <c>Valutacode</c>, <c>Kosten</c>) are accepted
/// as synonyms. The title and date-range lines above the header are skipped by the header sniffer, and the
/// "CSV for Excel" download (UTF-16LE with BOM, tab-separated) by the encoding and delimiter sniffers.
/// </remarks>
internal sealed class GoogleAdsFormat : IExportFormat
{
    public const string FormatName = "google-ads";
    public const string Channel = "google_ads";

    internal static readonly string[] DayNames = ["day", "date", "dag", "datum"];
    internal static readonly string[] CampaignNames = ["campaign", "campagne"];
    internal static readonly string[] CampaignIdNames = ["campaign id", "campagne-id", "campagne id"];
    internal static readonly string[] CurrencyNames = ["currency code", "valutacode"];
    internal static readonly string[] CostNames = ["cost", "kosten"];
    private static readonly string[] ActivityNames = ["impr.", "clicks", "impressions", "vert.", "vertoningen", "klikken"];

    private static readonly HashSet<string> Known = new(
        DayNames.Concat(CampaignNames).Concat(CampaignIdNames).Concat(CurrencyNames).Concat(CostNames), StringComparer.Ordinal);

    public string Name => FormatName;

    public string Expectation => "Google Ads report (columns Day, Campaign, Currency code, Cost and Impr. or Clicks; Dutch names accepted)";

    public IReadOnlyList<string> RequiredColumns => ["day", "currency code", "cost"];

    public bool Reads(string normalisedName) => Known.Contains(normalisedName);

    public bool Recognises(CsvHeader header) =>
        AdHeader.HasAny(header, CurrencyNames) && AdHeader.HasAny(header, CostNames) && AdHeader.HasAny(header, ActivityNames);

    public IReadOnlyList<string> MissingColumns(CsvHeader header) =>
        AdHeader.HasAny(header, DayNames)
            ? []
            : ["Day (or Date, Dag: download the report segmented by day, Segment > Time > Day)"];

    public string Evidence(CsvHeader header) =>
        string.Concat("header has ", string.Join(", ", header.Normalised.Where(name =>
            CurrencyNames.Contains(name) || CostNames.Contains(name) || ActivityNames.Contains(name))));

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new GoogleAdsSpendCsvReader(header, layout);
}
