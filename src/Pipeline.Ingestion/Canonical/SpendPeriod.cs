using Pipeline.Domain;

namespace Pipeline.Ingestion.Canonical;

/// <summary>When one spend row counts: a day when the file gives one, and always the month.</summary>
/// <param name="Date">The day, or null when the row gives only a month.</param>
/// <param name="Month">The month the spend counts in; the month of <paramref name="Date"/> when a day is given.</param>
internal readonly record struct SpendPeriod(DateOnly? Date, BillingMonth Month);
