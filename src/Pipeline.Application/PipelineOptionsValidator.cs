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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
