using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Application.Closes;
using Pipeline.Application.Clv;
using Pipeline.Domain;

namespace Pipeline.Api.Clv;

/// <summary>The query values every customer-value read shares (<c>by</c>, <c>asOf</c>), parsed once, with the same 400s.</summary>
public static class ClvQueryValues
{
    /// <summary>
    /// The tenant, <c>asOf</c> (default <paramref name="latestEnded"/>'s month; it must have ended), <c>by</c> and the
    /// format of a CLV or customer read; a 400 problem for a bad one.
    /// </summary>
    public static bool TryQuery(
        string tenant, HttpRequest request, Func<TenantId, BillingMonth> latestEnded, Func<TenantId, BillingMonth, bool> hasEnded,
        out ValueQuery query, [NotNullWhen(false)] out IResult? problem, IReadOnlyList<string>? dimensions = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(latestEnded);
        ArgumentNullException.ThrowIfNull(hasEnded);
        query = default;
        if (!RouteValues.TryTenant(tenant, out var tenantId, out problem)
            || !TryEndedAsOf(request, latestEnded(tenantId), month => hasEnded(tenantId, month), out var asOf, out problem)
            || !TabularFormat.TryRead(request, out var format, out problem)
            || !TryDimension(request, out var dimension, out problem, dimensions)
            || !RouteValues.TryWholeNumber(request, "version", 0, 1, int.MaxValue, out var version, out problem))
        {
            return false;
        }

        query = new ValueQuery(tenantId, asOf, dimension, format) { Version = version > 0 ? version : null };
        return true;
    }

    /// <summary>The optional <c>by</c>: one of <paramref name="dimensions"/> (default <see cref="ClvQueryService.Dimensions"/>), null when absent.</summary>
    public static bool TryDimension(
        HttpRequest request, out string? dimension, [NotNullWhen(false)] out IResult? problem, IReadOnlyList<string>? dimensions = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var allowed = dimensions ?? ClvQueryService.Dimensions;
        var by = request.Query["by"].ToString();
        dimension = by.Length > 0 ? by : null;
        problem = by.Length > 0 && !allowed.Contains(by, StringComparer.Ordinal)
            ? ApiProblems.BadRequest($"by '{by}' is not a CLV dimension: use one of {string.Join(", ", allowed)}.")
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

/// <summary>The validated query of a CLV or customer read.</summary>
public readonly record struct ValueQuery(TenantId Tenant, BillingMonth AsOf, string? Dimension, TabularFormat Format)
{
    /// <summary>The close version of <see cref="AsOf"/> to read as of (<c>version=</c>, also one reopened since); null for the month's current state.</summary>
    public int? Version { get; init; }

    /// <summary>
    /// Runs a customer-value read: a missing exchange rate is a 409, a close version that cannot be read a 404 (the
    /// month has none such) or a 409 (its inputs cannot be told apart); the report is null for an unknown tenant.
    /// </summary>
    public static async Task<(T? Report, IResult? Problem)> TryReadAsync<T>(Func<Task<T?>> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return (await read(), null);
        }
        catch (MissingExchangeRateException missing)
        {
            return (null, ApiProblems.Conflict(missing.Message));
        }
        catch (CloseVersionUnavailableException unavailable)
        {
            return (null, unavailable.VersionExists ? ApiProblems.Conflict(unavailable.Message) : ApiProblems.NotFound(unavailable.Message));
        }
    }
}
