using Pipeline.Domain.Clv;

namespace Pipeline.Application.Clv.Estimation;

/// <summary>The outcome of fitting Gamma-Gamma to a group's repeat buyers: the model and its log-likelihood, or a note saying why there is none.</summary>
/// <param name="Model">The fitted model; null when the data cannot identify it.</param>
/// <param name="LogLikelihood">The maximised log-likelihood (of the mean values m̄); null without a model.</param>
/// <param name="RepeatBuyers">Repeat buyers with a positive mean value, the customers the model is fitted on.</param>
/// <param name="Note">Why there is no fit; null when there is one.</param>
public sealed record SpendFit(GammaGammaSpend? Model, double? LogLikelihood, int RepeatBuyers, string? Note)
{
    /// <summary>Fits p, q, γ by maximum likelihood on the repeat buyers with a positive mean value, searched by <see cref="LogParameterSearch"/>.</summary>
    public static SpendFit Fit(IReadOnlyCollection<PurchaseSummary> customers)
    {
        var buyers = SpendLikelihood.Buyers(customers);
        SpendFit Unfitted(string note) => new(null, null, buyers.Length, note);
        if (buyers.Length < 2)
        {
            return Unfitted($"{buyers.Length} repeat buyer{(buyers.Length == 1 ? "" : "s")} with a positive spend: the spend model needs at least 2.");
        }

        var maximum = LogParameterSearch.Maximize(
            point => SpendLikelihood.LogLikelihood(point[0], point[1], point[2], buyers),
            start: [1.0, 1.0, buyers.Average(buyer => buyer.MeanValue)]);
        if (maximum is not ({ } parameters, var logLikelihood))
        {
            return Unfitted("The likelihood has no interior maximum (a parameter runs off to its limit): spend does not vary the way the model needs.");
        }

        return new SpendFit(new GammaGammaSpend(parameters[0], parameters[1], parameters[2]), logLikelihood, buyers.Length, Note: null);
    }
}
