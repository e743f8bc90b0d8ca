using Pipeline.Domain;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Ads;

/// <summary>A Meta (Facebook) Ads Manager report (EXPORTS.md B9.2), recognised by a header starting <c>Amount spent</c>, or <c>Reporting starts</c> + <c>Reporting ends</c>.</summary>
/// <remarks>
/// The spend column carries the account currency in its name (<c>Amount spent (EUR)</c>), so the prefix is matched;
/// that currency is used when the file has no <c>Currency</c> column.
/// </remarks>
internal sealed class MetaAdsFormat : IExportFormat
{
    public const string FormatName = "meta-ads";
    public const string Channel = "meta_ads";

    internal const string AmountSpent = "amount spent";
    internal const string Day = "day";
    internal const string ReportingStarts = "reporting starts";
    internal const string ReportingEnds = "reporting ends";
    internal const string Currency = "currency";
    internal const string CampaignName = "campaign name";
    internal const string CampaignId = "campaign id";

    /// <summary>The names a breakdown row has and Meta's summary row leaves empty.</summary>
    internal static readonly string[] NameColumns = [CampaignName, "ad set name", "ad name", "account name"];

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        Day, ReportingStarts, ReportingEnds, Currency, CampaignName, CampaignId, "ad set name", "ad name", "account name",
    };

    public string Name => FormatName;

    public string Expectation => "Meta Ads report (columns Amount spent (XXX), Campaign name, and Day or Reporting starts and Reporting ends)";

    public IReadOnlyList<string> RequiredColumns => [AmountSpent, Day];

    public bool Reads(string normalisedName) => Known.Contains(normalisedName) || normalisedName.StartsWith(AmountSpent, StringComparison.Ordinal);

    public bool Recognises(CsvHeader header) =>
        AdHeader.ColumnStartingWith(header, AmountSpent).IsPresent || (header.Has(ReportingStarts) && header.Has(ReportingEnds));

    public IReadOnlyList<string> MissingColumns(CsvHeader header)
    {
        var missing = new List<string>();
        var amount = AdHeader.ColumnStartingWith(header, AmountSpent);
        if (!amount.IsPresent)
        {
            missing.Add("Amount spent (such as Amount spent (EUR))");
        }

        if (!header.Has(Day) && !header.Has(ReportingStarts))
        {
            missing.Add("Day (or Reporting starts)");
        }

        if (amount.IsPresent && !header.Has(Currency) && HeaderCurrency(amount) is null)
        {
            missing.Add("Currency (or the currency in the spend column's name, such as Amount spent (EUR))");
        }

        return missing;
    }

    public string Evidence(CsvHeader header) =>
        string.Concat("header has ", string.Join(", ", header.Written.Where(name =>
            HeaderName.Normalise(name).StartsWith(AmountSpent, StringComparison.Ordinal)
            || HeaderName.Normalise(name) is ReportingStarts or ReportingEnds)));

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new MetaAdsSpendCsvReader(header, layout);

    /// <summary>The ISO 4217 code in brackets at the end of the spend column's name (<c>Amount spent (EUR)</c>), or null.</summary>
    internal static CurrencyCode? HeaderCurrency(CsvColumn amount)
    {
        var name = amount.Name.AsSpan().Trim();
        var open = name.LastIndexOf('(');
        return open >= 0 && name.EndsWith(")") && CurrencyCode.TryParse(name[(open + 1)..^1].Trim().ToString(), out var code)
            ? code
            : null;
    }
}
