using System.Globalization;
using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Api.Kpis;
using Pipeline.Application.Clv;
using Pipeline.Domain;
using Pipeline.Domain.Clv;

namespace Pipeline.Api.Clv;

/// <summary><c>GET /api/tenants/{tenant}/clv/purchases?calibrationEnd=yyyy-MM-dd&amp;unit=day|week|month&amp;by=…</c>: BG/NBD and Gamma-Gamma per group.</summary>
public static class PurchaseEndpoints
{
    /// <summary>The time units <c>unit=</c> accepts, in the order the problem names them.</summary>
    private static readonly PurchaseTimeUnit[] Units = [PurchaseTimeUnit.Day, PurchaseTimeUnit.Week, PurchaseTimeUnit.Month];

    /// <summary>
    /// One row per group, fitted on the purchases up to <c>calibrationEnd</c> (default: the last day of the latest ended
    /// month) in <c>unit</c> (default week), as JSON or CSV; 400 for a bad or unended <c>calibrationEnd</c>, an unknown
    /// <c>unit</c> or <c>by</c>; 404 for an unknown tenant; 409 when a purchase in another currency has no exchange rate.
    /// </summary>
    public static async Task<IResult> ListAsync(
        string tenant, HttpRequest request, PurchaseQueryService models, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(models);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem)
            || !RouteValues.TryOptionalDay(request, "calibrationEnd", out var requested, out problem)
            || !TabularFormat.TryRead(request, out var format, out problem))
        {
            return problem;
        }

        var unitText = request.Query["unit"].ToString();
        var unit = PurchaseTimeUnit.Week;
        if (unitText.Length > 0 && !TryUnit(unitText, out unit))
        {
            return ApiProblems.BadRequest($"unit '{unitText}' is not a time unit: use one of {string.Join(", ", Units.Select(PurchaseRow.UnitName))}.");
        }

        if (!ClvQueryValues.TryDimension(request, out var dimension, out problem))
        {
            return problem;
        }

        var calibrationEnd = requested ?? models.DefaultCalibrationEnd(tenantId);
        if (!models.HasEnded(tenantId, calibrationEnd))
        {
            return ApiProblems.BadRequest(string.Create(
                CultureInfo.InvariantCulture,
                $"calibrationEnd {calibrationEnd:yyyy-MM-dd} has not ended: the calibration period must be over, so use an earlier day."));
        }

        PurchaseReport? report;
        try
        {
            report = await models.ComputeAsync(tenantId, calibrationEnd, unit, dimension, cancellationToken);
        }
        catch (MissingExchangeRateException missing)
        {
            return ApiProblems.Conflict(missing.Message);
        }

        return report is null
            ? KpiEndpoints.UnknownTenant(tenantId)
            : TabularResults.Rows([.. report.Groups.Select(group => PurchaseRow.From(group, report))], format);
    }

    private static bool TryUnit(string text, out PurchaseTimeUnit unit)
    {
        foreach (var known in Units)
        {
            if (PurchaseRow.UnitName(known) == text)
            {
                unit = known;
                return true;
            }
        }

        unit = default;
        return false;
    }
}
