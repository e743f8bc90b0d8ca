using Pipeline.Domain.Clv;

namespace Pipeline.Application.Clv.Estimation;

/// <summary>The outcome of fitting the sBG model to a group's cohorts: the model and its log-likelihood, or a note saying why there is none.</summary>
/// <remarks>
/// An unfittable group is an expected outcome (a young segment, a segment nobody left), so it is a value the caller
/// publishes as <c>null</c> figures with the note — never an exception and never a made-up number.
/// </remarks>
/// <param name="Model">The fitted model; null when the data cannot identify α and β.</param>
/// <param name="LogLikelihood">The maximised log-likelihood; null without a model.</param>
/// <param name="Customers">Customers in the group's cohorts.</param>
/// <param name="Churned">Customers lost at an observed renewal.</param>
/// <param name="MaxRenewals">Renewal opportunities of the longest-observed cohort.</param>
/// <param name="Note">Why there is no fit; null when there is one.</param>
public sealed record RetentionFit(
    ShiftedBetaGeometric? Model, double? LogLikelihood, long Customers, long Churned, int MaxRenewals, string? Note)
{
    /// <summary>Fewer observed renewal opportunities than this leave only α ÷ (α + β) identified.</summary>
    public const int MinimumRenewals = 2;

    /// <summary>Fits α and β by maximum likelihood to the pooled cohorts (METRICS.md §8), searched by <see cref="LogParameterSearch"/>.</summary>
    public static RetentionFit Fit(IReadOnlyCollection<RetentionCohort> cohorts)
    {
        var data = RetentionData.From(cohorts);
        var customers = data.Customers;
        var churned = data.TotalLost;
        RetentionFit Unfitted(string note) => new(null, null, customers, churned, data.MaxRenewals, note);

        if (customers == 0)
        {
            return Unfitted("No customers: there is nothing to fit.");
        }

        if (data.MaxRenewals < MinimumRenewals)
        {
            return Unfitted(
                $"Only {data.MaxRenewals} renewal opportunit{(data.MaxRenewals == 1 ? "y" : "ies")} observed; the sBG model needs at least " +
                $"{MinimumRenewals} to tell heterogeneity from churn.");
        }

        if (churned == 0)
        {
            return Unfitted("No customer churned at an observed renewal: retention is 100 % so far and no churn distribution can be fitted.");
        }

        if (data.Lost[0] == data.CustomersAtRisk)
        {
            return Unfitted("Every customer churned at the first renewal: the churn probability is 1 and no distribution can be fitted.");
        }

        var maximum = LogParameterSearch.Maximize(point => data.LogLikelihood(point[0], point[1]), start: [1.0, 1.0]);
        if (maximum is not ({ } parameters, var logLikelihood))
        {
            return Unfitted(
                "The likelihood has no interior maximum (α and β run off to their limits): the observed retention rates do not rise " +
                "or fall the way a mix of churn probabilities would, so the data cannot identify the model.");
        }

        return new RetentionFit(
            new ShiftedBetaGeometric(parameters[0], parameters[1]),
            logLikelihood, customers, churned, data.MaxRenewals, Note: null);
    }
}
