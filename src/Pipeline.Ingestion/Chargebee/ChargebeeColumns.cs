namespace Pipeline.Ingestion.Chargebee;

/// <summary>Normalised header names of Chargebee's <c>Subscriptions.csv</c> (EXPORTS.md B2.1), <c>resource.field</c> style.</summary>
internal static class ChargebeeColumns
{
    public const string SubscriptionPrefix = "subscriptions.";
    public const string CustomFieldPrefix = "subscriptions.cf_";
    public const string CustomerCustomFieldPrefix = "customers.cf_";

    public const string Id = "subscriptions.id";
    public const string PlanId = "subscriptions.plan_id";
    public const string PlanQuantity = "subscriptions.plan_quantity";
    public const string PlanUnitPrice = "subscriptions.plan_unit_price";
    public const string PlanQuantityInDecimal = "subscriptions.plan_quantity_in_decimal";
    public const string PlanUnitPriceInDecimal = "subscriptions.plan_unit_price_in_decimal";
    public const string Status = "subscriptions.status";
    public const string CurrencyCode = "subscriptions.currency_code";
    public const string BillingPeriod = "subscriptions.billing_period";
    public const string BillingPeriodUnit = "subscriptions.billing_period_unit";
    public const string StartDate = "subscriptions.start_date";
    public const string StartedAt = "subscriptions.started_at";
    public const string TrialStart = "subscriptions.trial_start";
    public const string TrialEnd = "subscriptions.trial_end";
    public const string CurrentTermStart = "subscriptions.current_term_start";
    public const string CurrentTermEnd = "subscriptions.current_term_end";
    public const string CancelledAt = "subscriptions.cancelled_at";
    public const string PauseDate = "subscriptions.pause_date";
    public const string ResumeDate = "subscriptions.resume_date";
    public const string CustomerId = "customers.id";
    public const string CustomerCompany = "customers.company";
    public const string CustomerFirstName = "customers.first_name";
    public const string CustomerLastName = "customers.last_name";
    public const string CustomerEmail = "customers.email";
    public const string AddressCompany = "addresses.company";
    public const string AddressFirstName = "addresses.first_name";
    public const string AddressLastName = "addresses.last_name";
    public const string AddressEmail = "addresses.email";
    public const string AddressCountry = "addresses.country";

    /// <summary>Custom-field suffixes (after <c>cf_</c>) read as customer attributes.</summary>
    public static readonly string[] ChannelFields = ["channel", "acquisition_channel"];
    public static readonly string[] SegmentFields = ["segment"];
    public static readonly string[] CampaignFields = ["campaign", "acquisition_campaign"];
}
