using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Stripe;

/// <summary>
/// The Stripe Dashboard payments export (EXPORTS.md B1.4), recognised by <c>Amount Refunded</c> + <c>Converted Amount</c>
/// + <c>Captured</c>; ids start with <c>ch_</c> or <c>py_</c>.
/// </summary>
internal sealed class StripePaymentFormat : IExportFormat
{
    public const string FormatName = "stripe-payments";

    private static readonly string[] Required =
        [StripeColumns.Id, StripeColumns.Amount, StripeColumns.AmountRefunded, StripeColumns.Currency, StripeColumns.Status];

    private static readonly string[] Fingerprint = [StripeColumns.AmountRefunded, StripeColumns.ConvertedAmount, StripeColumns.Captured];

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        StripeColumns.Id, StripeColumns.Created, StripeColumns.CreatedWithoutZone, StripeColumns.Amount, StripeColumns.AmountRefunded,
        StripeColumns.Currency, StripeColumns.ConvertedAmount, StripeColumns.Status, StripeColumns.CustomerId,
        StripeColumns.CustomerDescription, StripeColumns.CustomerEmail, StripeColumns.Captured, StripeColumns.InvoiceId,
    };

    public string Name => FormatName;

    public string Expectation => "a Stripe payments export (columns Amount Refunded, Converted Amount and Captured)";

    public IReadOnlyList<string> RequiredColumns => Required;

    public bool Reads(string normalisedName) => Known.Contains(normalisedName) || StripeMetadataColumns.IsMetadata(normalisedName);

    public bool Recognises(CsvHeader header) =>
        header.Has(StripeColumns.AmountRefunded) && header.Has(StripeColumns.ConvertedAmount) && header.Has(StripeColumns.Captured);

    public string Evidence(CsvHeader header) =>
        string.Concat("Stripe payments fingerprint: header has ", string.Join(", ", Fingerprint.Where(header.Has)));

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new StripePaymentCsvReader(header, layout, options);
}
