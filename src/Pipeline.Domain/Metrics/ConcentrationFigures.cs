namespace Pipeline.Domain.Metrics;

/// <summary>How concentrated MRR is across customers at a month end (METRICS.md §5). All fractions; null with no MRR.</summary>
/// <param name="Top20PercentShare">Share of MRR of the top 20 % of customers (⌈0.2 N⌉ customers by MRR).</param>
/// <param name="CustomerFractionFor80Percent">The smallest fraction of customers (largest first) that makes 80 % of MRR.</param>
/// <param name="Top10Share">Share of MRR of the 10 largest customers.</param>
/// <param name="Gini">Gini coefficient of customer MRR (0 = equal, → 1 = one customer has everything).</param>
/// <param name="Herfindahl">Herfindahl–Hirschman index: the sum of squared MRR shares, as a fraction (1/N … 1).</param>
public sealed record ConcentrationFigures(
    decimal? Top20PercentShare,
    decimal? CustomerFractionFor80Percent,
    decimal? Top10Share,
    decimal? Gini,
    decimal? Herfindahl);
