using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Ecb;

/// <summary>The European Central Bank's reference-rate history CSV, accepted as published (EXPORTS.md A4).</summary>
/// <remarks>
/// The layout is <c>Date,USD,JPY,BGN,…</c>: one row per publication day, one column per currency, rates per 1 EUR.
/// It has no fixed column names to match, so it is recognised by <c>Date</c> plus at least two ISO 4217 code
/// columns, and only when no canonical fingerprint column is present: a spend or rates file with a stray currency
/// column stays what it is. The published file also carries withdrawn currencies (CYP, HRK, …); those headers are
/// not current ISO 4217 codes and are ignored with the usual warning.
/// </remarks>
internal sealed class EcbExchangeRateFormat : IExportFormat
{
    public const string FormatName = "ecb-rates";

    private const int MinCurrencyColumns = 2;

    private static readonly string[] Required = [CanonicalColumns.Date];

    private static readonly string[] CanonicalFingerprints =
    [
        CanonicalColumns.CustomerId, CanonicalColumns.Amount, CanonicalColumns.Channel,
        CanonicalColumns.Base, CanonicalColumns.Quote, CanonicalColumns.Rate,
    ];

    public string Name => FormatName;

    public string Expectation =>
        "the ECB reference-rate history (column Date and one column per ISO 4217 currency code such as USD or JPY, rates per 1 EUR)";

    public IReadOnlyList<string> RequiredColumns => Required;

    public bool Reads(string normalisedName) => normalisedName == CanonicalColumns.Date || IsQuoteCurrency(normalisedName);

    public bool Recognises(CsvHeader header) =>
        header.Has(CanonicalColumns.Date)
        && !CanonicalFingerprints.Any(header.Has)
        && header.Normalised.Count(IsQuoteCurrency) >= MinCurrencyColumns;

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new EcbExchangeRateCsvReader(header, layout);

    /// <summary>True for a header that is an ISO 4217 code other than EUR, the base of every ECB rate.</summary>
    internal static bool IsQuoteCurrency(string normalisedName) =>
        normalisedName.Length == 3 && CurrencyCode.TryParse(normalisedName, out var code) && code != EcbExchangeRateCsvReader.Euro;
}
