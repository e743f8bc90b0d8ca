using Microsoft.Extensions.Options;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Ingestion;

namespace Pipeline.Application;

/// <summary>The validated, typed form of <see cref="PipelineOptions"/>: what the services compute with.</summary>
/// <remarks>
/// One set for every tenant, except its calendar (business time zone and close lag), which a tenant may override
/// under <c>Pipeline:Tenants:{tenant}</c>: services take month boundaries, parse settings and due months from
/// <see cref="For"/>; the properties here are the defaults.
/// </remarks>
public sealed class TenantSettings
{
    private readonly Dictionary<TenantId, TenantCalendar> _calendars;

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
        IngestLeaseDuration = value.IngestLeaseDuration;
        MaxReportedRowErrors = value.MaxReportedRowErrors;
        LedgerCacheLines = value.LedgerCacheLines;
        KpiReadMaxStaleness = value.KpiReadMaxStaleness;
        GrossMargin = value.GrossMargin;
        LtvCapMonths = value.LtvCapMonths;
        ClvDiscountRate = value.ClvDiscountRate;
        MrrBands = ParseBands(value.MrrBands) ?? throw new OptionsValidationException(
            PipelineOptions.SectionName, typeof(PipelineOptions), [$"Pipeline:MrrBands '{value.MrrBands}' is not a list of amounts."]);
        Parsing = new ExportParseOptions(Metrics.BusinessTimeZone, ReportingCurrency: null, (decimal)value.MaxBadRowFraction)
        {
            StripeAmountIsPerUnit = value.StripeAmountIsPerUnit,
            MaxFileLines = value.MaxFileLines,
            MaxUncompressedBytes = value.MaxUncompressedBytes,
            MaxCompressionRatio = value.MaxCompressionRatio,
        };
        DefaultCalendar = new TenantCalendar(Metrics, Parsing, CloseLagDays);
        _calendars = value.Tenants.ToDictionary(
            pair => TenantId.Parse(pair.Key),
            pair =>
            {
                var zone = pair.Value.BusinessTimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : Metrics.BusinessTimeZone;
                return new TenantCalendar(
                    Metrics with { BusinessTimeZone = zone }, Parsing with { BusinessTimeZone = zone }, pair.Value.CloseLagDays ?? CloseLagDays);
            });
    }

    public MetricSettings Metrics { get; }

    public ExportParseOptions Parsing { get; }

    public TenantId DefaultTenant { get; }

    public int CloseLagDays { get; }

    public decimal GrossMargin { get; }

    public int LtvCapMonths { get; }

    /// <summary>The yearly discount rate of the model-based CLV (see <see cref="PipelineOptions.ClvDiscountRate"/>).</summary>
    public decimal ClvDiscountRate { get; }

    public IReadOnlyList<decimal> MrrBands { get; }

    public int MaxIngestAttempts { get; }

    /// <summary>How long an ingest's claim holds without renewal (see <see cref="PipelineOptions.IngestLeaseDuration"/>).</summary>
    public TimeSpan IngestLeaseDuration { get; }

    /// <summary>Bad rows a report keeps in full (see <see cref="PipelineOptions.MaxReportedRowErrors"/>).</summary>
    public int MaxReportedRowErrors { get; }

    /// <summary>Ledger lines kept in memory between runs (see <see cref="PipelineOptions.LedgerCacheLines"/>).</summary>
    public long LedgerCacheLines { get; }

    /// <summary>How long a KPI read may go without reading the tenant's change stamp (see <see cref="PipelineOptions.KpiReadMaxStaleness"/>).</summary>
    public TimeSpan KpiReadMaxStaleness { get; }

    /// <summary>The IANA id of the business time zone, as recorded next to published figures.</summary>
    public string TimeZoneId => Metrics.BusinessTimeZone.Id;

    /// <summary>The close calendar of tenants without an override.</summary>
    public TenantCalendar DefaultCalendar { get; }

    /// <summary>The calendar of <paramref name="tenant"/> (time zone, parse settings, close lag): its override, or the default.</summary>
    public TenantCalendar For(TenantId tenant) => _calendars.GetValueOrDefault(tenant) ?? DefaultCalendar;

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
