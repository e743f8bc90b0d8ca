using Pipeline.Domain.Clv;

namespace Pipeline.Application.Clv.Estimation;

/// <summary>The sBG model's likelihood of observed cohorts, what <see cref="RetentionFit.Fit"/> maximises.</summary>
public static class RetentionLikelihood
{
    /// <summary>The multi-cohort log-likelihood Σ_cohorts [Σ_t lost_t · ln P(T = t) + alive_last · ln S(t_last)].</summary>
    public static double LogLikelihood(this ShiftedBetaGeometric model, IReadOnlyCollection<RetentionCohort> cohorts)
    {
        ArgumentNullException.ThrowIfNull(model);
        return RetentionData.From(cohorts).LogLikelihood(model.Alpha, model.Beta);
    }
}
