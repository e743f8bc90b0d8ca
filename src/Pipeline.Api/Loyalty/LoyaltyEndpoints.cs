using System.Globalization;
using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Api.Kpis;
using Pipeline.Application.Loyalty;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Api.Loyalty;

/// <summary>
/// <c>GET /api/tenants/{tenant}/loyalty?from=&amp;to=&amp;by=&amp;format=</c>: loyalty figures per month (METRICS.md §9);
/// <c>version=n</c> with <c>from</c> = <c>to</c> reads close version n of that month.
/// </summary>
public static class LoyaltyEndpoints
{
    /// <summary>
    /// The rows of the months from <c>from</c> to <c>to</c> (yyyy-MM, inclusive, optional) that have KPI rows, oldest first;
    /// with <c>by=</c> a segment dimension one row per month and segment; JSON or CSV. 400 for a bad value, 404 for an
    /// unknown tenant.
    /// </summary>
    public static async Task<IResult> ListAsync(string tenant, HttpRequest request, LoyaltyQueryService loyalty, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(loyalty);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem)
            || !RouteValues.TryOptionalMonth(request, "from", out var from, out problem)
            || !RouteValues.TryOptionalMonth(request, "to", out var to, out problem)
            || !TabularFormat.TryRead(request, out var format, out problem))
        {
            return problem;
        }

        if (from > to)
        {
            return ApiProblems.BadRequest($"from {from} is after to {to}.");
        }

        var by = request.Query["by"].ToString();
        if (by.Length > 0 && !SegmentDimensions.All.Contains(by, StringComparer.Ordinal))
        {
            return ApiProblems.BadRequest($"by '{by}' is not a dimension: use one of {string.Join(", ", SegmentDimensions.All)}.");
        }

        var dimension = by.Length > 0 ? by : null;
        var versionText = request.Query["version"].ToString();
        if (versionText.Length > 0)
        {
            return await VersionAsync(tenantId, from, to, versionText, dimension, format, loyalty, cancellationToken);
        }

        var report = await loyalty.ListAsync(tenantId, from, to, dimension, cancellationToken);
        return report is null ? KpiEndpoints.UnknownTenant(tenantId) : Rows(report, format);
    }

    /// <summary>The rows of one closed version of one month (<c>from</c> = <c>to</c>), also of a version reopened since.</summary>
    private static async Task<IResult> VersionAsync(
        TenantId tenant, BillingMonth? from, BillingMonth? to, string versionText, string? dimension, TabularFormat format, LoyaltyQueryService loyalty,
        CancellationToken cancellationToken)
    {
        if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            return ApiProblems.BadRequest($"version '{versionText}' is not a close version: expected a whole number from 1.");
        }

        if (from is not { } month || to != month)
        {
            return ApiProblems.BadRequest("version reads one month: give from and to, the same month.");
        }

        var report = await loyalty.FindVersionAsync(tenant, month, version, dimension, cancellationToken);
        if (report is not null)
        {
            return Rows(report, format);
        }

        return await loyalty.TenantExistsAsync(tenant, cancellationToken)
            ? ApiProblems.NotFound($"Tenant '{tenant}' has no closed version {version} of {month}.")
            : KpiEndpoints.UnknownTenant(tenant);
    }

    private static IResult Rows(LoyaltyReport report, TabularFormat format) =>
        TabularResults.Rows([.. report.Months.Select(month => LoyaltyRow.From(month, report.Currency))], format);
}
