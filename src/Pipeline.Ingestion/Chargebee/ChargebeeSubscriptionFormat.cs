using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Chargebee;

/// <summary>Chargebee's subscriptions export (<c>Subscriptions.csv</c>, EXPORTS.md B2.1), recognised by any <c>subscriptions.*</c> header.</summary>
/// <remarks>
/// A snapshot: each row becomes a synthetic line per plan (and per add-on, from the zip). The interval columns are
/// reconstructed rather than confirmed, but MRR cannot be computed without them, so they are required.
/// </remarks>
internal sealed class ChargebeeSubscriptionFormat(ChargebeeExtras? extras = null) : IExportFormat
{
    public const string FormatName = "chargebee-subscriptions";

    private static readonly string[] Required =
    [
        ChargebeeColumns.Id, ChargebeeColumns.CustomerId, ChargebeeColumns.Status, ChargebeeColumns.PlanUnitPrice,
        ChargebeeColumns.CurrencyCode, ChargebeeColumns.BillingPeriod, ChargebeeColumns.BillingPeriodUnit,
    ];

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        ChargebeeColumns.Id, ChargebeeColumns.PlanId, ChargebeeColumns.PlanQuantity, ChargebeeColumns.PlanUnitPrice,
        ChargebeeColumns.PlanQuantityInDecimal, ChargebeeColumns.PlanUnitPriceInDecimal, ChargebeeColumns.Status,
        ChargebeeColumns.CurrencyCode, ChargebeeColumns.BillingPeriod, ChargebeeColumns.BillingPeriodUnit,
        ChargebeeColumns.StartDate, ChargebeeColumns.StartedAt, ChargebeeColumns.TrialEnd, ChargebeeColumns.CurrentTermStart,
        ChargebeeColumns.CurrentTermEnd, ChargebeeColumns.CancelledAt, ChargebeeColumns.PauseDate, ChargebeeColumns.ResumeDate,
        ChargebeeColumns.CustomerId, ChargebeeColumns.CustomerCompany, ChargebeeColumns.CustomerFirstName,
        ChargebeeColumns.CustomerLastName, ChargebeeColumns.CustomerEmail, ChargebeeColumns.AddressCompany,
        ChargebeeColumns.AddressFirstName, ChargebeeColumns.AddressLastName, ChargebeeColumns.AddressEmail,
        ChargebeeColumns.AddressCountry,
    };

    public ChargebeeExtras Extras { get; } = extras ?? ChargebeeExtras.None;

    public string Name => FormatName;

    public string Expectation =>
        "a Chargebee subscriptions export (subscriptions.* columns, with subscriptions.currency_code, subscriptions.billing_period and subscriptions.billing_period_unit)";

    public IReadOnlyList<string> RequiredColumns => Required;

    public bool Reads(string normalisedName) => Known.Contains(normalisedName) || ChargebeeCustomFields.IsAttribute(normalisedName);

    public bool Recognises(CsvHeader header) =>
        header.Normalised.Any(name => name.StartsWith(ChargebeeColumns.SubscriptionPrefix, StringComparison.Ordinal));

    public string Evidence(CsvHeader header)
    {
        var evidence = string.Concat("header has subscriptions.* columns (",
            string.Join(", ", header.Normalised.Where(name => name.StartsWith(ChargebeeColumns.SubscriptionPrefix, StringComparison.Ordinal)).Take(4)),
            ", …)");
        return Extras.Members.Count == 0 ? evidence : string.Concat(evidence, "; zip members ", string.Join(", ", Extras.Members));
    }

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new ChargebeeSubscriptionCsvReader(header, layout, options, Extras);
}
