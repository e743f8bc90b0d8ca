namespace Pipeline.Domain.Metrics;

/// <summary>A run of months in which one subscription of a customer contributes a constant MRR of one part.</summary>
/// <param name="Customer">The customer's number in the engine's customer table.</param>
/// <param name="Subscription">The subscription's number (subscriptions are numbered in customer order).</param>
/// <param name="Part">The winning line's <see cref="MrrPartCatalog"/> number: plan, product and currency.</param>
/// <param name="FromMonth">The first month (a <see cref="MonthNumbering"/> number), inclusive.</param>
/// <param name="ToMonth">The month after the last one, exclusive; <see cref="int.MaxValue"/> when open-ended.</param>
/// <param name="Amount">The winning line's monthly amount in its own currency, &gt; 0.</param>
internal readonly record struct MrrSegment(int Customer, int Subscription, int Part, int FromMonth, int ToMonth, decimal Amount);
