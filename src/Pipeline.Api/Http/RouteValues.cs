using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Pipeline.Domain;

namespace Pipeline.Api.Http;

/// <summary>Parses route and query values, turning a bad one into the 400 ProblemDetails that explains it.</summary>
public static class RouteValues
{
    public static bool TryTenant(string? value, out TenantId tenant, [NotNullWhen(false)] out IResult? problem)
    {
        problem = TenantId.TryParse(value, out tenant)
            ? null
            : ApiProblems.BadRequest($"'{value}' is not a tenant id: use lower-case letters, digits and hyphens.");
        return problem is null;
    }

    public static bool TryMonth(string? value, string name, out BillingMonth month, [NotNullWhen(false)] out IResult? problem)
    {
        problem = BillingMonth.TryParse(value, out month)
            ? null
            : ApiProblems.BadRequest($"{name} '{value}' is not a month: expected yyyy-MM, for example 2025-03.");
        return problem is null;
    }

    /// <summary>An optional month query parameter: absent is fine, malformed is a 400.</summary>
    public static bool TryOptionalMonth(HttpRequest request, string name, out BillingMonth? month, [NotNullWhen(false)] out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        month = null;
        problem = null;
        var value = request.Query[name].ToString();
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (!TryMonth(value, name, out var parsed, out problem))
        {
            return false;
        }

        month = parsed;
        return true;
    }

    /// <summary>An optional whole-number query parameter from <paramref name="min"/> to <paramref name="max"/>: absent is <paramref name="fallback"/>, anything else a 400.</summary>
    public static bool TryWholeNumber(
        HttpRequest request, string name, int fallback, int min, int max, out int value, [NotNullWhen(false)] out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        problem = null;
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            value = fallback;
            return true;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value)
            && value >= min && value <= max)
        {
            return true;
        }

        problem = ApiProblems.BadRequest($"{name} '{text}' must be a whole number from {min} to {max}.");
        return false;
    }

    /// <summary>An optional day query parameter (yyyy-MM-dd): absent is fine, malformed is a 400.</summary>
    public static bool TryOptionalDay(HttpRequest request, string name, out DateOnly? day, [NotNullWhen(false)] out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        day = null;
        problem = null;
        var value = request.Query[name].ToString();
        if (value.Length == 0)
        {
            return true;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }

        problem = ApiProblems.BadRequest($"{name} '{value}' is not a date: expected yyyy-MM-dd, for example 2025-03-31.");
        return false;
    }
}
