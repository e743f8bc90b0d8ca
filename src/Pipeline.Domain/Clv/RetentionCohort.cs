namespace Pipeline.Domain.Clv;

/// <summary>One cohort's survivor counts: how many of its customers were still subscribed after 0, 1, 2, … renewals.</summary>
/// <remarks>
/// <c>Alive[0]</c> is the cohort's size, <c>Alive[t]</c> the customers who made the t-th renewal; the counts never rise.
/// The last count is right-censored: those customers are alive at the observation date and their lifetime is unknown.
/// A cohort observed only at its start (one count) carries no information about churn and adds nothing to a fit.
/// </remarks>
public sealed record RetentionCohort
{
    /// <summary>A cohort from its survivor counts, validated.</summary>
    /// <param name="alive">Customers alive after 0, 1, 2, … renewals; non-increasing, non-negative, at least one count.</param>
    public RetentionCohort(IReadOnlyList<int> alive)
    {
        ArgumentNullException.ThrowIfNull(alive);
        if (alive.Count == 0)
        {
            throw new ArgumentException("A cohort needs at least its size (the count after 0 renewals).", nameof(alive));
        }

        for (var t = 0; t < alive.Count; t++)
        {
            if (alive[t] < 0 || (t > 0 && alive[t] > alive[t - 1]))
            {
                throw new ArgumentException(
                    $"Survivor counts must be non-negative and never rise; count {t} is {alive[t]}.", nameof(alive));
            }
        }

        Alive = [.. alive];
    }

    /// <summary>Customers alive after 0, 1, 2, … renewals.</summary>
    public IReadOnlyList<int> Alive { get; }

    /// <summary>The cohort's size.</summary>
    public int Size => Alive[0];

    /// <summary>The number of renewal opportunities observed (periods after the first).</summary>
    public int ObservedRenewals => Alive.Count - 1;
}
