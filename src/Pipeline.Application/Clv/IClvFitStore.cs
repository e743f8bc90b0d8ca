using Pipeline.Domain;

namespace Pipeline.Application.Clv;

/// <summary>
/// The CLV fits of closed months, per close version (table <c>CloseFigures</c>, partition <c>{tenant}|clv</c>): the
/// <c>clv</c> groups and the <c>clv/forecast</c> groups of a grouping, written at the first read of that version and
/// never changed, so a closed month's fits are read back instead of fitted again.
/// </summary>
public interface IClvFitStore
{
    /// <summary>The stored groups of <paramref name="dimension"/> (null: ungrouped) at close version <paramref name="version"/> of <paramref name="asOf"/>; null when not stored.</summary>
    Task<ClvReport?> FindAsync(TenantId tenant, BillingMonth asOf, int version, string? dimension, CancellationToken cancellationToken);

    /// <summary>Stores the groups of a report as of close version <see cref="ClvReport.CloseVersion"/>; a set already stored keeps its rows.</summary>
    Task WriteAsync(TenantId tenant, string? dimension, ClvReport report, CancellationToken cancellationToken);

    /// <summary>The stored forecast (every month up to <see cref="ClvQueryService.MaxForecastMonths"/>); null when not stored.</summary>
    Task<ClvForecast?> FindForecastAsync(TenantId tenant, BillingMonth asOf, int version, string? dimension, CancellationToken cancellationToken);

    /// <summary>Stores a forecast of <see cref="ClvQueryService.MaxForecastMonths"/> months as of close version <see cref="ClvForecast.CloseVersion"/>; a set already stored keeps its rows.</summary>
    Task WriteForecastAsync(TenantId tenant, string? dimension, ClvForecast forecast, CancellationToken cancellationToken);
}
