using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Application;
using Pipeline.Domain.Metrics;

namespace Pipeline.Api;

/// <summary><c>GET /api/health</c>: the host is up, with the settings figures are computed with.</summary>
public static class HealthEndpoints
{
    public static IResult Get(TenantSettings settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);
        return Results.Json(
            new
            {
                status = "healthy",
                time = clock.GetUtcNow(),
                reportingCurrency = settings.Metrics.ReportingCurrency.Code,
                businessTimeZone = settings.TimeZoneId,
                definitionsVersion = MetricSettings.DefinitionsVersion,
            },
            ApiJson.Options);
    }
}
