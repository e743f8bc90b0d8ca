using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Api.Kpis;
using Pipeline.Application.Clv;

namespace Pipeline.Api.Clv;

/// <summary>
/// <c>GET /api/tenants/{tenant}/clv?asOf=yyyy-MM&amp;by=…</c>: model-based customer value per group and billing period,
/// and <c>…/clv/forecast?asOf=&amp;months=&amp;by=</c>: the expected payments of the active base per future month.
/// </summary>
public static class ClvEndpoints
{
    /// <summary>
    /// One row per group and billing period at the end of <c>asOf</c> (default: the latest ended month), as JSON or CSV;
    /// 400 for a bad or unended <c>asOf</c> or an unknown <c>by</c>, 404 for an unknown tenant, 409 when MRR in another
    /// currency has no exchange rate for a month end the tenures need.
    /// </summary>
    public static async Task<IResult> ListAsync(
        string tenant, HttpRequest request, ClvQueryService values, CancellationToken cancellationToken)
    {
        if (!ClvQueryValues.TryQuery(tenant, request, values.LatestEndedMonth, values.HasEnded, out var query, out var problem))
        {
            return problem;
        }

        var (report, failed) = await ValueQuery.TryReadAsync(
            () => values.ComputeAsync(query.Tenant, query.AsOf, query.Dimension, cancellationToken, query.Version));
        if (failed is not null)
        {
            return failed;
        }

        if (report is null)
        {
            return KpiEndpoints.UnknownTenant(query.Tenant);
        }

        var rows = report.Groups.Select(group => ClvRow.From(group, report.AsOf, report.Currency, report.CloseVersion)).ToList();
        return TabularResults.Rows(rows, query.Format);
    }

    /// <summary>
    /// One row per group, billing period and month after <c>asOf</c> (<c>months</c>, 1 … 36, default 36), as JSON or CSV;
    /// a group without a fit has one row with its note. 400 for a bad <c>months</c> and as <see cref="ListAsync"/>.
    /// </summary>
    public static async Task<IResult> ForecastAsync(
        string tenant, HttpRequest request, ClvQueryService values, CancellationToken cancellationToken)
    {
        if (!ClvQueryValues.TryQuery(tenant, request, values.LatestEndedMonth, values.HasEnded, out var query, out var problem)
            || !RouteValues.TryWholeNumber(
                request, "months", ClvQueryService.MaxForecastMonths, 1, ClvQueryService.MaxForecastMonths, out var months, out problem))
        {
            return problem;
        }

        var (forecast, failed) = await ValueQuery.TryReadAsync(
            () => values.ForecastAsync(query.Tenant, query.AsOf, months, query.Dimension, cancellationToken, query.Version));
        if (failed is not null)
        {
            return failed;
        }

        return forecast is null
            ? KpiEndpoints.UnknownTenant(query.Tenant)
            : TabularResults.Rows(ClvForecastRow.From(forecast), query.Format);
    }
}
