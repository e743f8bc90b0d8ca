using Microsoft.Extensions.Options;
using Pipeline.Domain;

namespace Pipeline.Application;

/// <summary>Checks what DataAnnotations cannot: that the currency and time zone exist.</summary>
internal sealed class PipelineOptionsValidator : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        var failures = new List<string>();
        if (!CurrencyCode.TryParse(options.ReportingCurrency, out _))
        {
            failures.Add($"Pipeline:ReportingCurrency '{options.ReportingCurrency}' is not an ISO 4217 currency code.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.BusinessTimeZone, out _))
        {
            failures.Add($"Pipeline:BusinessTimeZone '{options.BusinessTimeZone}' is not a known IANA time zone id (for example Europe/Amsterdam).");
        }

        if (TenantSettings.ParseBands(options.MrrBands) is null)
        {
            failures.Add($"Pipeline:MrrBands '{options.MrrBands}' must be comma-separated positive amounts such as 100,1000,10000.");
        }

        if (options.ClvDiscountRate is <= 0m or > 1m)
        {
            failures.Add($"Pipeline:ClvDiscountRate {options.ClvDiscountRate.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be above 0 and at most 1 (a yearly rate such as 0.10).");
        }

        foreach (var (key, tenant) in options.Tenants)
        {
            ValidateTenant(key, tenant, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateTenant(string key, TenantOverrideOptions? tenant, List<string> failures)
    {
        if (!TenantId.TryParse(key, out _))
        {
            failures.Add($"Pipeline:Tenants:{key} is not a tenant id: use lower-case letters, digits and hyphens.");
        }

        if (tenant?.BusinessTimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            failures.Add($"Pipeline:Tenants:{key}:BusinessTimeZone '{zone}' is not a known IANA time zone id (for example Europe/Amsterdam).");
        }

        if (tenant?.CloseLagDays is { } lag && (lag < 0 || lag > 60))
        {
            failures.Add($"Pipeline:Tenants:{key}:CloseLagDays {lag} must be between 0 and 60.");
        }
    }
}
