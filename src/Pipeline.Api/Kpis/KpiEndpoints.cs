using System.Globalization;
using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Api.Kpis;

/// <summary>The KPI reads: <c>GET /api/tenants/{tenant}/kpis</c> (optionally <c>by=</c> a dimension), <c>…/kpis/{month}</c> (optionally <c>version=</c>) and <c>…/kpis/{month}/versions</c>.</summary>
public static class KpiEndpoints
{
    /// <summary>Monthly rows in <c>from</c>..<c>to</c> (both optional, inclusive), oldest first, as JSON, CSV or XLSX.</summary>
    /// <remarks><c>by=valueSegment</c> is computed on read by <paramref name="valueSegments"/> (stored per close version); the other dimensions are stored by the engine.</remarks>
    public static async Task<IResult> ListAsync(
        string tenant, HttpRequest request, KpiQueryService queries, ValueSegmentKpiService valueSegments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(valueSegments);
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
        if (by.Length > 0)
        {
            if (by == SegmentDimensions.ValueSegment)
            {
                return await valueSegments.ListAsync(tenantId, from, to, cancellationToken) is { } found
                    ? Segments(found, format)
                    : UnknownTenant(tenantId);
            }

            return SegmentDimensions.Kpi.Contains(by, StringComparer.Ordinal)
                ? await SegmentsAsync(tenantId, by, from, to, format, queries, cancellationToken)
                : ApiProblems.BadRequest($"by '{by}' is not a dimension: use one of {string.Join(", ", SegmentDimensions.Kpi)}.");
        }

        var rows = await queries.ListAsync(tenantId, from, to, cancellationToken);
        return rows is null ? UnknownTenant(tenantId) : Rows(rows, format);
    }

    /// <summary>Every closed version of one month, oldest first (each stays readable after a reopen), as JSON, CSV or XLSX.</summary>
    public static async Task<IResult> ListVersionsAsync(
        string tenant, string month, HttpRequest request, KpiQueryService queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem)
            || !RouteValues.TryMonth(month, "month", out var billingMonth, out problem)
            || !TabularFormat.TryRead(request, out var format, out problem))
        {
            return problem;
        }

        var versions = await queries.ListVersionsAsync(tenantId, billingMonth, cancellationToken);
        if (versions.Count == 0)
        {
            return await queries.TenantExistsAsync(tenantId, cancellationToken)
                ? ApiProblems.NotFound($"Tenant '{tenantId}' has never closed {billingMonth}.")
                : UnknownTenant(tenantId);
        }

        return TabularResults.Rows(
            versions.Select(KpiRow.From).ToList(), format, ResponseFreshness.Closed, versions.Max(snapshot => snapshot.ComputedAt));
    }

    /// <summary>One month's row; <c>version=</c> reads a closed version (also one reopened since).</summary>
    public static async Task<IResult> GetAsync(
        string tenant, string month, HttpRequest request, KpiQueryService queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(queries);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem)
            || !RouteValues.TryMonth(month, "month", out var billingMonth, out problem)
            || !TabularFormat.TryRead(request, out var format, out problem))
        {
            return problem;
        }

        var versionText = request.Query["version"].ToString();
        var version = 0;
        if (versionText.Length > 0
            && (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out version) || version < 1))
        {
            return ApiProblems.BadRequest($"version '{versionText}' is not a close version: expected a whole number from 1.");
        }

        var snapshot = version > 0
            ? await queries.FindVersionAsync(tenantId, billingMonth, version, cancellationToken)
            : await queries.FindAsync(tenantId, billingMonth, cancellationToken);
        if (snapshot is null)
        {
            return await queries.TenantExistsAsync(tenantId, cancellationToken)
                ? ApiProblems.NotFound(version > 0
                    ? $"Tenant '{tenantId}' has no closed version {version} of {billingMonth}."
                    : $"Tenant '{tenantId}' has no figures for {billingMonth}.")
                : UnknownTenant(tenantId);
        }

        var representation = RepresentationCache.GetOrAdd(
            "kpi", format, [snapshot], () => TabularResults.RepresentRow(KpiRow.From(snapshot), format));
        return new RepresentationResult(representation, Freshness([snapshot]), snapshot.ComputedAt);
    }

    private static async Task<IResult> SegmentsAsync(
        TenantId tenant, string dimension, BillingMonth? from, BillingMonth? to, TabularFormat format, KpiQueryService queries,
        CancellationToken cancellationToken)
    {
        if (await queries.ListSegmentsWithHeadlinesAsync(tenant, dimension, from, to, cancellationToken) is not { } found)
        {
            return UnknownTenant(tenant);
        }

        return Segments(found, format);
    }

    /// <summary>Segment rows with their headline rows' settings, revalidated unless every row is closed.</summary>
    private static RepresentationResult Segments(
        (IReadOnlyList<SegmentSnapshot> Segments, IReadOnlyList<KpiSnapshot> Headlines) found, TabularFormat format)
    {
        var (segments, rows) = found;
        var headlines = rows.ToDictionary(row => row.Kpis.Month);
        var representation = RepresentationCache.GetOrAdd(
            "segments", format, [.. segments, .. headlines.Values],
            () => TabularResults.RepresentRows(
                segments.Select(segment => KpiRow.From(segment, headlines.GetValueOrDefault(segment.Segment.Kpis.Month))).ToList(), format));
        return new RepresentationResult(
            representation,
            segments.Count > 0 && segments.All(segment => segment.Status == KpiStatus.Closed) ? ResponseFreshness.Closed : ResponseFreshness.Live,
            segments.Count == 0 ? null : segments.Max(segment => segment.ComputedAt));
    }

    /// <summary>Headline rows with their validators: closed-only lists may be kept by a client for a while, others revalidated.</summary>
    /// <remarks>The body is kept by the snapshot instances (<see cref="RepresentationCache"/>): unchanged rows are not serialised again.</remarks>
    private static RepresentationResult Rows(IReadOnlyList<KpiSnapshot> snapshots, TabularFormat format)
    {
        var representation = RepresentationCache.GetOrAdd(
            "kpis", format, snapshots, () => TabularResults.RepresentRows(snapshots.Select(KpiRow.From).ToList(), format));
        return new RepresentationResult(
            representation, Freshness(snapshots), snapshots.Count == 0 ? null : snapshots.Max(snapshot => snapshot.ComputedAt));
    }

    private static ResponseFreshness Freshness(IReadOnlyList<KpiSnapshot> snapshots) =>
        snapshots.Count > 0 && snapshots.All(snapshot => snapshot.Status == KpiStatus.Closed) ? ResponseFreshness.Closed : ResponseFreshness.Live;

    internal static IResult UnknownTenant(TenantId tenant) =>
        ApiProblems.NotFound($"Tenant '{tenant}' is unknown: no export was ever dropped for it.");
}
