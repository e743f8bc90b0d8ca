using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Baremetrics;

/// <summary>The Baremetrics CSV import template (EXPORTS.md B8.2), recognised by <c>plan_oid</c> + <c>subscription_oid</c>.</summary>
internal sealed class BaremetricsFormat : IExportFormat
{
    public const string FormatName = "baremetrics";

    public const string PlanOid = "plan_oid";
    public const string PlanName = "plan_name";
    public const string PlanCurrency = "plan_currency";
    public const string PlanAmount = "plan_amount";
    public const string PlanInterval = "plan_interval";
    public const string PlanIntervalCount = "plan_interval_count";
    public const string CustomerOid = "customer_oid";
    public const string CustomerName = "customer_name";
    public const string CustomerEmail = "customer_email";
    public const string SubscriptionOid = "subscription_oid";
    public const string StartedAt = "subscription_started_at";
    public const string CanceledAt = "subscription_canceled_at";
    public const string Quantity = "subscription_quantity";

    private static readonly string[] Required =
        [PlanOid, PlanCurrency, PlanAmount, PlanInterval, CustomerOid, SubscriptionOid, StartedAt];

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        PlanOid, PlanName, PlanCurrency, PlanAmount, PlanInterval, PlanIntervalCount, CustomerOid, CustomerName, CustomerEmail,
        SubscriptionOid, StartedAt, CanceledAt, Quantity,
    };

    public string Name => FormatName;

    public string Expectation => "the Baremetrics import template (plan_oid, plan_amount in cents, customer_oid, subscription_oid, subscription_started_at)";

    public IReadOnlyList<string> RequiredColumns => Required;

    public bool Reads(string normalisedName) => Known.Contains(normalisedName);

    public bool Recognises(CsvHeader header) => header.Has(PlanOid) && header.Has(SubscriptionOid);

    public string Evidence(CsvHeader header) => "header has plan_oid and subscription_oid";

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new BaremetricsCsvReader(header, layout, options);
}
