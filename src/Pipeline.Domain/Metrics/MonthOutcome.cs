namespace Pipeline.Domain.Metrics;

/// <summary>What <see cref="MonthSeries.Compute"/> gives for one month: the computed month, or the rate it lacks.</summary>
/// <remarks>Expected failures are values: a run stops at the first month with a missing rate without an exception.</remarks>
public sealed record MonthOutcome
{
    private MonthOutcome(ComputedMonth? computed, MissingRate? missingRate) => (Computed, MissingRate) = (computed, missingRate);

    /// <summary>The month's figures; null when <see cref="MissingRate"/> is set.</summary>
    public ComputedMonth? Computed { get; }

    /// <summary>The rate that stopped the month; null when it was computed.</summary>
    public MissingRate? MissingRate { get; }

    public static MonthOutcome Of(ComputedMonth computed) => new(computed ?? throw new ArgumentNullException(nameof(computed)), null);

    public static MonthOutcome Missing(MissingRate missingRate) => new(null, missingRate ?? throw new ArgumentNullException(nameof(missingRate)));
}
