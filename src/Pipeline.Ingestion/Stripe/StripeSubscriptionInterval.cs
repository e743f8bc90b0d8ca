using Pipeline.Domain;

namespace Pipeline.Ingestion.Stripe;

/// <summary>The billing interval of a Stripe subscription: the <c>Interval</c> unit, with a count read from the current period.</summary>
/// <remarks>
/// The export has no interval-count column (EXPORTS.md B1.1), so "every 3 months" looks monthly. The current billing
/// period tells them apart: when <c>[Current Period Start, Current Period End)</c> is a whole number of the unit
/// (3 calendar months, 2 weeks, 14 days), that number is the count; otherwise the count is 1. Periods are compared
/// in UTC, the zone of Stripe's <c>(UTC)</c> columns. A trial's current period is the trial, not a billing period.
/// </remarks>
internal static class StripeSubscriptionInterval
{
    private const int MaxCount = 120;

    public static bool TryParseUnit(ReadOnlySpan<char> text, out IntervalUnit unit)
    {
        unit = default;
        Span<char> lower = stackalloc char[8];
        if (text.Length > lower.Length)
        {
            return false;
        }

        var length = text.ToLowerInvariant(lower);
        switch (lower[..length])
        {
            case "day": unit = IntervalUnit.Day; return true;
            case "week": unit = IntervalUnit.Week; return true;
            case "month": unit = IntervalUnit.Month; return true;
            case "year": unit = IntervalUnit.Year; return true;
            default: return false;
        }
    }

    /// <summary>How many units the current period spans, or 1 when it is not a whole number of them (or unknown).</summary>
    public static int CountOf(IntervalUnit unit, DateTimeOffset? periodStart, DateTimeOffset? periodEnd)
    {
        if (periodStart is not { } start || periodEnd is not { } end || end <= start)
        {
            return 1;
        }

        var (from, to) = (start.UtcDateTime, end.UtcDateTime);
        for (var count = 1; count <= MaxCount; count++)
        {
            var candidate = unit switch
            {
                IntervalUnit.Day => from.AddDays(count),
                IntervalUnit.Week => from.AddDays(7 * count),
                IntervalUnit.Month => from.AddMonths(count),
                _ => from.AddYears(count),
            };
            if (candidate == to)
            {
                return count;
            }

            if (candidate > to)
            {
                break;
            }
        }

        return 1;
    }
}
