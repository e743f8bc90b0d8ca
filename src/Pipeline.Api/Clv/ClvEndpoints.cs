using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Api.Kpis;
using Pipeline.Application.Clv;
using Pipeline.Domain;

namespace Pipeline.Api.Clv;

/// <summary><c>GET /api/tenants/{tenant}/clv?asOf=yyyy-MM&amp;by=…</c>: model-based customer value per group and billing period.</summary>
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
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(values);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem)
            || !RouteValues.TryOptionalMonth(request, "asOf", out var requested, out problem)
            || !TabularResults.TryWantsCsv(request, out var csv, out problem))
        {
            return problem;
        }

        var by = request.Query["by"].ToString();
        if (by.Length > 0 && !ClvQueryService.Dimensions.Contains(by, StringComparer.Ordinal))
        {
            return ApiProblems.BadRequest($"by '{by}' is not a CLV dimension: use one of {string.Join(", ", ClvQueryService.Dimensions)}.");
        }

        var asOf = requested ?? values.LatestEndedMonth(tenantId);
        if (!values.HasEnded(tenantId, asOf))
        {
            return ApiProblems.BadRequest($"asOf {asOf} has not ended: renewals are observed at month ends, so use {values.LatestEndedMonth(tenantId)} or earlier.");
        }

        ClvReport? report;
        try
        {
            report = await values.ComputeAsync(tenantId, asOf, by.Length > 0 ? by : null, cancellationToken);
        }
        catch (MissingExchangeRateException missing)
        {
            return ApiProblems.Conflict(missing.Message);
        }

        if (report is null)
        {
            return KpiEndpoints.UnknownTenant(tenantId);
        }

        var rows = report.Groups.Select(group => ClvRow.From(group, report.AsOf, report.Currency)).ToList();
        return csv
            ? Results.Text(TabularResults.ToCsv(rows.Select(ClvCsvRow.From).ToList()), TabularResults.CsvContentType)
            : Results.Json(rows, ApiJson.Options);
    }
}
