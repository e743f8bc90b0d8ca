namespace Pipeline.Domain.Metrics;

/// <summary>A customer's native MRR of one part (plan, product, currency) at a month end.</summary>
/// <param name="Part">The <see cref="MrrPartCatalog"/> number.</param>
/// <param name="Native">The sum of the winning lines' monthly amounts of that part, in its currency.</param>
internal readonly record struct PartAmount(int Part, decimal Native);
