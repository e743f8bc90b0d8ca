using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Application.Clv;
using Pipeline.Domain;

namespace Pipeline.Api.Clv;

/// <summary>The query values every customer-value read shares (<c>by</c>, <c>asOf</c>), parsed once, with the same 400s.</summary>
public static class ClvQueryValues
{
    /// <summary>The optional <c>by</c>: one of <see cref="ClvQueryService.Dimensions"/>, null when absent.</summary>
    public static bool TryDimension(HttpRequest request, out string? dimension, [NotNullWhen(false)] out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        var by = request.Query["by"].ToString();
        dimension = by.Length > 0 ? by : null;
        problem = by.Length > 0 && !ClvQueryService.Dimensions.Contains(by, StringComparer.Ordinal)
            ? ApiProblems.BadRequest($"by '{by}' is not a CLV dimension: use one of {string.Join(", ", ClvQueryService.Dimensions)}.")
            : null;
        return problem is null;
    }

    /// <summary>The optional <c>asOf</c>, <paramref name="latestEnded"/> when absent; a month that has not ended is a 400.</summary>
    public static bool TryEndedAsOf(
        HttpRequest request, BillingMonth latestEnded, Func<BillingMonth, bool> hasEnded, out BillingMonth asOf, [NotNullWhen(false)] out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(hasEnded);
        asOf = latestEnded;
        if (!RouteValues.TryOptionalMonth(request, "asOf", out var requested, out problem))
        {
            return false;
        }

        asOf = requested ?? latestEnded;
        problem = hasEnded(asOf)
            ? null
            : ApiProblems.BadRequest($"asOf {asOf} has not ended: renewals are observed at month ends, so use {latestEnded} or earlier.");
        return problem is null;
    }
}
