using Pipeline.Domain.Clv;

namespace Pipeline.Application.Clv.Estimation;

/// <summary>Several cohorts' survivor counts pooled by renewal: customers lost at each renewal and customers censored after it.</summary>
/// <remarks>
/// The multi-cohort likelihood only depends on these sums, so a fit over many cohorts (one per start month) costs one
/// pass over the longest cohort per evaluation, whatever the number of customers.
/// </remarks>
internal sealed class RetentionData
{
    private RetentionData(long[] lost, long[] censored)
    {
        Lost = lost;
        Censored = censored;
    }

    /// <summary>Customers lost at renewal t (index t − 1), over all cohorts.</summary>
    public long[] Lost { get; }

    /// <summary>Customers alive after t renewals when their cohort's observation ends (index t), over all cohorts.</summary>
    public long[] Censored { get; }

    /// <summary>The longest observation in renewals.</summary>
    public int MaxRenewals => Lost.Length;

    public long Customers => Lost.Sum() + Censored.Sum();

    public long TotalLost => Lost.Sum();

    /// <summary>Customers who faced at least one renewal decision (their cohort was observed past its start).</summary>
    public long CustomersAtRisk => Customers - Censored[0];

    public static RetentionData From(IReadOnlyCollection<RetentionCohort> cohorts)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        var longest = cohorts.Count == 0 ? 0 : cohorts.Max(cohort => cohort.ObservedRenewals);
        var lost = new long[longest];
        var censored = new long[longest + 1];
        foreach (var cohort in cohorts)
        {
            ArgumentNullException.ThrowIfNull(cohort);
            for (var t = 1; t < cohort.Alive.Count; t++)
            {
                lost[t - 1] += cohort.Alive[t - 1] - cohort.Alive[t];
            }

            censored[cohort.ObservedRenewals] += cohort.Alive[^1];
        }

        return new RetentionData(lost, censored);
    }

    /// <summary>Σ_t lost_t ln P(T = t) + Σ_t censored_t ln S(t), with P and S by their recursions.</summary>
    public double LogLikelihood(double alpha, double beta)
    {
        var logLikelihood = 0.0;
        var churn = 0.0;
        var survival = 1.0;
        // Customers seen only at their start (Censored[0]) contribute ln S(0) = ln 1 = 0.
        for (var t = 1; t <= MaxRenewals; t++)
        {
            churn = t == 1 ? alpha / (alpha + beta) : churn * (beta + t - 2) / (alpha + beta + t - 1);
            survival *= (beta + t - 1) / (alpha + beta + t - 1);
            if (Lost[t - 1] > 0)
            {
                logLikelihood += Lost[t - 1] * Math.Log(churn);
            }

            if (Censored[t] > 0)
            {
                logLikelihood += Censored[t] * Math.Log(survival);
            }
        }

        return logLikelihood;
    }
}
