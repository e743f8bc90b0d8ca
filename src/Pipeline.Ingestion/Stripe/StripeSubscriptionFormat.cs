using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Stripe;

/// <summary>
/// The Stripe Dashboard subscriptions export (EXPORTS.md B1.1), recognised by <c>id</c> + <c>Customer ID</c> +
/// (<c>Current Period Start (UTC)</c> or <c>Interval</c>); ids start with <c>sub_</c>.
/// </summary>
internal sealed class StripeSubscriptionFormat : IExportFormat
{
    public const string FormatName = "stripe-subscriptions";

    private static readonly string[] Required =
        [StripeColumns.Id, StripeColumns.CustomerId, StripeColumns.Status, StripeColumns.Amount, StripeColumns.Currency, StripeColumns.Interval];

    private static readonly string[] Fingerprint =
        [StripeColumns.Id, StripeColumns.CustomerId, StripeColumns.CurrentPeriodStart, StripeColumns.Interval];

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        StripeColumns.Id, StripeColumns.CustomerId, StripeColumns.CustomerName, StripeColumns.CustomerDescription,
        StripeColumns.CustomerEmail, StripeColumns.Plan, StripeColumns.Product, StripeColumns.ProductId, StripeColumns.Quantity,
        StripeColumns.Currency, StripeColumns.Interval, StripeColumns.Amount, StripeColumns.Status, StripeColumns.Created,
        StripeColumns.Start, StripeColumns.StartDate, StripeColumns.CurrentPeriodStart, StripeColumns.CurrentPeriodEnd,
        StripeColumns.TrialStart, StripeColumns.TrialEnd, StripeColumns.CanceledAt, StripeColumns.CancelAtPeriodEnd,
        StripeColumns.EndedAt, StripeColumns.CancellationReason,
    };

    public string Name => FormatName;

    public string Expectation =>
        "a Stripe subscriptions export (columns id, Customer ID and Current Period Start (UTC) or Interval)";

    public IReadOnlyList<string> RequiredColumns => Required;

    public bool Reads(string normalisedName) => Known.Contains(normalisedName) || StripeMetadataColumns.IsMetadata(normalisedName);

    public bool Recognises(CsvHeader header) =>
        header.Has(StripeColumns.Id) && header.Has(StripeColumns.CustomerId)
        && (header.Has(StripeColumns.CurrentPeriodStart) || header.Has(StripeColumns.Interval));

    public string Evidence(CsvHeader header) =>
        string.Concat("Stripe subscriptions fingerprint: header has ", string.Join(", ", Fingerprint.Where(header.Has)));

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new StripeSubscriptionCsvReader(header, layout, options);
}
