namespace Pipeline.Domain.Metrics;

/// <summary>12-month revenue retention of the customers active twelve months before (METRICS.md §3).</summary>
/// <param name="Nrr12">Net: the base customers' MRR now ÷ their MRR then; null without a base.</param>
/// <param name="Grr12">Gross: as <paramref name="Nrr12"/>, with each customer capped at its MRR then; null without a base.</param>
public sealed record TwelveMonthRetentionFigures(decimal? Nrr12, decimal? Grr12);
