using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Api.Kpis;
using Pipeline.Application.Payments;

namespace Pipeline.Api.Payments;

/// <summary><c>GET /api/tenants/{tenant}/payments?from=&amp;to=&amp;type=&amp;by=month</c>: the ledger's cash movements.</summary>
/// <remarks>
/// Rows are the movements that occurred in <c>from</c>..<c>to</c> (yyyy-MM, both optional, inclusive), oldest first;
/// <c>type</c> keeps one kind; <c>by=month</c> returns one total per month and currency instead. JSON or CSV.
/// </remarks>
public static class PaymentEndpoints
{
    /// <summary>The money movements <c>type=</c> takes.</summary>
    public static IReadOnlyList<string> Types { get; } = ["payment", "refund", "credit_note", "chargeback", "failed_payment"];

    public static async Task<IResult> ListAsync(
        string tenant, HttpRequest request, PaymentQueryService payments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(payments);
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

        var type = request.Query["type"].ToString().ToLowerInvariant();
        if (type.Length > 0 && !Types.Contains(type, StringComparer.Ordinal))
        {
            return ApiProblems.BadRequest($"type '{type}' is not a money movement: use one of {string.Join(", ", Types)}.");
        }

        var by = request.Query["by"].ToString();
        if (by.Length > 0 && !string.Equals(by, "month", StringComparison.Ordinal))
        {
            return ApiProblems.BadRequest($"by '{by}' is not supported: use by=month for totals per month and currency.");
        }

        var entries = await payments.ListAsync(tenantId, from, to, cancellationToken);
        if (entries is null)
        {
            return KpiEndpoints.UnknownTenant(tenantId);
        }

        var kept = entries.Where(entry => type.Length == 0 || PaymentRow.NameOf(entry.Movement.Type) == type).ToList();
        return by.Length > 0
            ? TabularResults.Rows(PaymentMonthTotal.Of(kept).Select(PaymentTotalRow.From).ToList(), format)
            : TabularResults.Rows(kept.Select(PaymentRow.From).ToList(), format);
    }
}
