namespace Pipeline.Domain.Metrics;

/// <summary>Part of one customer's MRR at a month end: the amount of one plan, product and native currency.</summary>
/// <param name="Plan">The plan of the winning line(s), or null.</param>
/// <param name="Product">The product, or null.</param>
/// <param name="Currency">The native currency of the lines.</param>
/// <param name="NativeMrr">MRR in <paramref name="Currency"/>, full precision.</param>
/// <param name="Mrr">The same in the reporting currency at the month-end rate.</param>
public sealed record MrrPart(string? Plan, string? Product, CurrencyCode Currency, decimal NativeMrr, decimal Mrr);
