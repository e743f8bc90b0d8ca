using Microsoft.Extensions.Options;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Ingestion;

namespace Pipeline.Application;

/// <summary>The validated, typed form of <see cref="PipelineOptions"/>: what the services compute with.</summary>
/// <remarks>One set for every tenant for now; per-tenant overrides plug in here.</remarks>
public sealed class TenantSettings
{
    public TenantSettings(IOptions<PipelineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        Metrics = new MetricSettings(
            CurrencyCode.Parse(value.ReportingCurrency),
            TimeZoneInfo.FindSystemTimeZoneById(value.BusinessTimeZone),
            value.DelinquencyDays);
        DefaultTenant = TenantId.Parse(value.DefaultTenant);
        CloseLagDays = value.CloseLagDays;
        MaxIngestAttempts = value.MaxIngestAttempts;
        GrossMargin = value.GrossMargin;
        LtvCapMonths = value.LtvCapMonths;
        MrrBands = ParseBands(value.MrrBands) ?? throw new OptionsValidationException(
            PipelineOptions.SectionName, typeof(PipelineOptions), [$"Pipeline:MrrBands '{value.MrrBands}' is not a list of amounts."]);
        Parsing = new ExportParseOptions(Metrics.BusinessTimeZone, ReportingCurrency: null, (decimal)value.MaxBadRowFraction)
        {
            StripeAmountIsPerUnit = value.StripeAmountIsPerUnit,
        };
    }

    public MetricSettings Metrics { get; }

    public ExportParseOptions Parsing { get; }

    public TenantId DefaultTenant { get; }

    public int CloseLagDays { get; }

    public decimal GrossMargin { get; }

    public int LtvCapMonths { get; }

    public IReadOnlyList<decimal> MrrBands { get; }

    public int MaxIngestAttempts { get; }

    /// <summary>The IANA id of the business time zone, as recorded next to published figures.</summary>
    public string TimeZoneId => Metrics.BusinessTimeZone.Id;

    /// <summary>The month containing <paramref name="now"/> in the business time zone.</summary>
    public BillingMonth CurrentMonth(DateTimeOffset now) => BillingMonth.Containing(now, Metrics.BusinessTimeZone);

    /// <summary>Whether <paramref name="month"/> has ended at <paramref name="now"/> (its last instant has passed).</summary>
    public bool HasEnded(BillingMonth month, DateTimeOffset now) => month.EndInstant(Metrics.BusinessTimeZone) < now;

    /// <summary>The latest month that is due for close at <paramref name="now"/>: ended at least <see cref="CloseLagDays"/> days ago.</summary>
    public BillingMonth LatestDueMonth(DateTimeOffset now)
    {
        var month = CurrentMonth(now).Previous();
        while (month.Next().StartInstant(Metrics.BusinessTimeZone).AddDays(CloseLagDays) > now)
        {
            month = month.Previous();
        }

        return month;
    }

    /// <summary>Parses comma-separated positive amounts (invariant culture), ascending; null when malformed.</summary>
    internal static IReadOnlyList<decimal>? ParseBands(string? text)
    {
        var bands = new List<decimal>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!decimal.TryParse(part, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var bound)
                || bound <= 0m)
            {
                return null;
            }

            bands.Add(bound);
        }

        return [.. bands.Distinct().Order()];
    }
}
