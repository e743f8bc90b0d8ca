using System.Globalization;
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
            || !TabularFormat.TryRead(request, out var format, out problem))
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
        return format.IsJson ? TabularResults.Json(rows) : TabularResults.Table(ToTable(rows), format);
    }

    /// <summary>The CSV and XLSX layout: <c>cohort,metric,size,startMrr,m0…mN</c>, N the longest retention list.</summary>
    private static TabularTable ToTable(List<CohortRowDto> rows)
    {
        var width = rows.Count == 0 ? 0 : rows.Max(row => row.Retention.Count);
        List<TabularColumn> columns =
        [
            new("cohort", CellFormat.Month), new("metric"), new("size"), new("startMrr"),
            .. Enumerable.Range(0, width).Select(month => new TabularColumn(string.Create(CultureInfo.InvariantCulture, $"m{month}"), CellFormat.Percent)),
        ];
        return new TabularTable(
            columns,
            rows.Select(row => (object?[])
            [
                row.Cohort, row.Metric, row.Size, row.StartMrr,
                .. Enumerable.Range(0, width).Select(month => month < row.Retention.Count ? (object?)row.Retention[month] : null),
            ]).ToList());
    }
}
