using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Api.Kpis;
using Pipeline.Application;
using Pipeline.Application.Cohorts;
using Pipeline.Application.Kpis;
using Pipeline.Domain.Metrics;

namespace Pipeline.Api.Cohorts;

/// <summary><c>GET /api/tenants/{tenant}/cohorts?metric=logo|revenue&amp;from&amp;to</c>: the cohort retention table.</summary>
public static class CohortEndpoints
{
    public static async Task<IResult> ListAsync(
        string tenant, HttpRequest request, CohortQueryService cohorts, KpiQueryService queries, TenantSettings settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(cohorts);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(settings);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem)
            || !RouteValues.TryOptionalMonth(request, "from", out var from, out problem)
            || !RouteValues.TryOptionalMonth(request, "to", out var to, out problem)
            || !TabularResults.TryWantsCsv(request, out var csv, out problem))
        {
            return problem;
        }

        var metricText = request.Query["metric"].ToString().ToLowerInvariant();
        CohortMetric? metric = metricText switch
        {
            "" or "logo" => CohortMetric.Logo,
            "revenue" => CohortMetric.Revenue,
            _ => null,
        };
        if (metric is not { } chosen)
        {
            return ApiProblems.BadRequest($"metric '{metricText}' is not supported: use logo or revenue.");
        }

        if (!await queries.TenantExistsAsync(tenantId, cancellationToken))
        {
            return KpiEndpoints.UnknownTenant(tenantId);
        }

        var rows = (await cohorts.ListAsync(tenantId, chosen, from, to, cancellationToken))
            .Select(row => CohortRowDto.From(row, chosen, settings.Metrics.ReportingCurrency))
            .ToList();
        return csv ? Results.Text(ToCsv(rows), TabularResults.CsvContentType) : Results.Json(rows, ApiJson.Options);
    }

    private static string ToCsv(List<CohortRowDto> rows)
    {
        var width = rows.Count == 0 ? 0 : rows.Max(row => row.Retention.Count);
        var text = new StringBuilder("cohort,metric,size,startMrr");
        for (var month = 0; month < width; month++)
        {
            text.Append(CultureInfo.InvariantCulture, $",m{month}");
        }

        text.Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row.Cohort},{row.Metric},{row.Size},{row.StartMrr}");
            for (var month = 0; month < width; month++)
            {
                text.Append(',').Append(month < row.Retention.Count ? row.Retention[month]?.ToString(CultureInfo.InvariantCulture) : null);
            }

            text.Append("\r\n");
        }

        return text.ToString();
    }
}
