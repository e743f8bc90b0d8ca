using Microsoft.AspNetCore.Http;
using Pipeline.Api.Clv;
using Pipeline.Api.Http;
using Pipeline.Api.Kpis;
using Pipeline.Application.Clv;

namespace Pipeline.Api.Customers;

/// <summary>
/// <c>GET /api/tenants/{tenant}/customers?asOf=&amp;by=&amp;segment=&amp;sort=</c> and <c>…/customers/{id}</c>: each
/// customer's value card at the end of <c>asOf</c>.
/// </summary>
public static class CustomerEndpoints
{
    /// <summary>
    /// The cards of every customer with a subscription or a purchase by the end of <c>asOf</c> (default: the latest ended
    /// month), grouped by <c>by</c> (a CLV dimension or <c>valueTier</c>), only <c>segment</c>'s when given, sorted by
    /// <c>sort</c>, as JSON or CSV; 400 for a bad value, 404 for an unknown tenant, 409 for a missing exchange rate.
    /// </summary>
    public static async Task<IResult> ListAsync(
        string tenant, HttpRequest request, CustomerValueQueryService values, CancellationToken cancellationToken)
    {
        if (!ClvQueryValues.TryQuery(
            tenant, request, values.LatestEndedMonth, values.HasEnded, out var query, out var problem, CustomerValueQueryService.Dimensions)
            || !RowPage.TryRead(request, out var page, out problem))
        {
            return problem;
        }

        var sort = request.Query["sort"].ToString();
        if (sort.Length > 0 && !CustomerValueQueryService.SortKeys.Contains(sort, StringComparer.Ordinal))
        {
            return ApiProblems.BadRequest($"sort '{sort}' is not a sort key: use one of {string.Join(", ", CustomerValueQueryService.SortKeys)}.");
        }

        var segment = request.Query["segment"].ToString();
        if (segment.Length > 0 && query.Dimension is null)
        {
            return ApiProblems.BadRequest($"segment '{segment}' needs a dimension: add by=, one of {string.Join(", ", CustomerValueQueryService.Dimensions)}.");
        }

        var (report, failed) = await ValueQuery.TryReadAsync(() => values.ListAsync(
                query.Tenant, query.AsOf, query.Dimension, segment.Length > 0 ? segment : null,
                sort.Length > 0 ? sort : CustomerValueQueryService.ByCustomerId, cancellationToken, query.Version));
        if (failed is not null)
        {
            return failed;
        }

        return report is null
            ? KpiEndpoints.UnknownTenant(query.Tenant)
            : page.Around(
                TabularResults.Rows([.. page.Of(report.Customers).Select(card => CustomerValueRow.From(card, report))], query.Format),
                report.Customers.Count);
    }

    /// <summary>One customer's card; 404 for an unknown tenant or a customer without a subscription or a purchase by the end of <c>asOf</c>.</summary>
    public static async Task<IResult> GetAsync(
        string tenant, string id, HttpRequest request, CustomerValueQueryService values, CancellationToken cancellationToken)
    {
        if (!ClvQueryValues.TryQuery(
            tenant, request, values.LatestEndedMonth, values.HasEnded, out var query, out var problem, CustomerValueQueryService.Dimensions))
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            return ApiProblems.BadRequest($"'{id}' is not a customer id.");
        }

        var (report, failed) = await ValueQuery.TryReadAsync(() => values.ListAsync(
                query.Tenant, query.AsOf, query.Dimension, segment: null, CustomerValueQueryService.ByCustomerId, cancellationToken, query.Version));
        if (failed is not null)
        {
            return failed;
        }

        if (report is null)
        {
            return KpiEndpoints.UnknownTenant(query.Tenant);
        }

        var card = report.Customers.FirstOrDefault(customer => customer.CustomerId == id);
        return card is null
            ? ApiProblems.NotFound($"Tenant '{query.Tenant}' has no customer '{id}' with a subscription or a purchase by the end of {query.AsOf}.")
            : TabularResults.Row(CustomerValueRow.From(card, report), query.Format);
    }
}
