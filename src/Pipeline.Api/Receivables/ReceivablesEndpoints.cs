using Microsoft.AspNetCore.Http;
using Pipeline.Api.Clv;
using Pipeline.Api.Http;
using Pipeline.Api.Kpis;
using Pipeline.Application.Receivables;

namespace Pipeline.Api.Receivables;

/// <summary><c>GET /api/tenants/{tenant}/receivables?asOf=yyyy-MM&amp;by=&amp;per=segment|customer|invoice&amp;segment=</c>: receivables aged at a month end.</summary>
public static class ReceivablesEndpoints
{
    /// <summary>What one row is: <c>per=</c>.</summary>
    public static IReadOnlyList<string> Levels { get; } = ["segment", "customer", "invoice"];

    /// <summary>
    /// The receivables at the end of <c>asOf</c> (default: the latest ended month) per segment of <c>by</c> (one
    /// <c>all</c> row without it), per customer or per invoice (<c>per=</c>), only <c>segment</c>'s when given, as JSON
    /// or CSV; 400 for a bad value, 404 for an unknown tenant, 409 for a missing exchange rate.
    /// </summary>
    public static async Task<IResult> ListAsync(
        string tenant, HttpRequest request, ReceivablesQueryService receivables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(receivables);
        if (!ClvQueryValues.TryQuery(
            tenant, request, receivables.LatestEndedMonth, receivables.HasEnded, out var query, out var problem, ReceivablesQueryService.Dimensions))
        {
            return problem;
        }

        var per = request.Query["per"].ToString();
        if (per.Length > 0 && !Levels.Contains(per, StringComparer.Ordinal))
        {
            return ApiProblems.BadRequest($"per '{per}' is not a level: use one of {string.Join(", ", Levels)}.");
        }

        var segment = request.Query["segment"].ToString();
        if (segment.Length > 0 && query.Dimension is null)
        {
            return ApiProblems.BadRequest($"segment '{segment}' needs a dimension: add by=, one of {string.Join(", ", ReceivablesQueryService.Dimensions)}.");
        }

        var (report, failed) = await ValueQuery.TryReadAsync(
            () => receivables.ComputeAsync(query.Tenant, query.AsOf, query.Dimension, cancellationToken, query.Version));
        if (failed is not null)
        {
            return failed;
        }

        if (report is null)
        {
            return KpiEndpoints.UnknownTenant(query.Tenant);
        }

        bool InSegment(string value) => segment.Length == 0 || value == segment;
        return per switch
        {
            "customer" => TabularResults.Rows(
                [.. report.Customers.Where(customer => InSegment(customer.Segment)).Select(customer => CustomerReceivablesRow.From(customer, report))],
                query.Format),
            "invoice" => TabularResults.Rows(
                [.. report.Aging.Outstanding
                    .Where(invoice => InSegment(report.SegmentOf(invoice)))
                    .Select(invoice => ReceivableInvoiceRow.From(invoice, report))],
                query.Format),
            _ => TabularResults.Rows(
                [.. report.Groups.Where(group => InSegment(group.Segment)).Select(group => ReceivablesRow.From(group, report))], query.Format),
        };
    }
}
