namespace Pipeline.Domain.Metrics;

/// <summary>Where a month end's top 20 % by MRR stops: amounts above are in, and this many customers equal to it.</summary>
/// <param name="Threshold">The MRR of the last customer in the top 20 %.</param>
/// <param name="TiedPlaces">How many customers with exactly <paramref name="Threshold"/> are in (the lowest ids first).</param>
/// <remarks>Kept with a closing snapshot: the next month's start side is this month's end side, so it needs no second selection.</remarks>
internal readonly record struct ParetoThreshold(decimal Threshold, int TiedPlaces);
