using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Stripe;

/// <summary>
/// The Stripe Dashboard customers export (EXPORTS.md B1.5), recognised by <c>id</c> + <c>Created (UTC)</c> + <c>Email</c>
/// without an <c>Amount</c> column; ids start with <c>cus_</c>.
/// </summary>
internal sealed class StripeCustomerFormat : IExportFormat
{
    public const string FormatName = "stripe-customers";

    private static readonly string[] Required = [StripeColumns.Id, StripeColumns.Created, StripeColumns.Email];

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        StripeColumns.Id, StripeColumns.Created, StripeColumns.Email, StripeColumns.Name, StripeColumns.Description,
        StripeColumns.AddressCountry,
    };

    public string Name => FormatName;

    public string Expectation => "a Stripe customers export (columns id, Created (UTC) and Email, no Amount)";

    public IReadOnlyList<string> RequiredColumns => Required;

    public bool Reads(string normalisedName) => Known.Contains(normalisedName) || StripeMetadataColumns.IsMetadata(normalisedName);

    public bool Recognises(CsvHeader header) =>
        header.Has(StripeColumns.Id) && header.Has(StripeColumns.Created) && header.Has(StripeColumns.Email)
        && !header.Has(StripeColumns.Amount);

    public string Evidence(CsvHeader header) =>
        "Stripe customers fingerprint: header has id, created (utc), email and no amount";

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new StripeCustomerCsvReader(header, layout, options);
}
