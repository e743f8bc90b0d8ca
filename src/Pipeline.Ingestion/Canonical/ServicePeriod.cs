using Pipeline.Domain;

namespace Pipeline.Ingestion.Canonical;

/// <summary>A line's service period <c>[Start, End)</c> in UTC and its billing interval.</summary>
/// <param name="Start">The first instant of service.</param>
/// <param name="End">Null for an open-ended (live) subscription.</param>
/// <param name="Interval">Null for a line that is not recurring and names no interval.</param>
/// <param name="IntervalInferred">True when <paramref name="Interval"/> was inferred from the period.</param>
internal readonly record struct ServicePeriod(DateTimeOffset Start, DateTimeOffset? End, BillingInterval? Interval, bool IntervalInferred);
