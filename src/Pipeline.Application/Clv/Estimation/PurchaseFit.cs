using Pipeline.Domain.Clv;

namespace Pipeline.Application.Clv.Estimation;

/// <summary>The outcome of fitting BG/NBD to a group's purchase histories: the model and its log-likelihood, or a note saying why there is none.</summary>
/// <param name="Model">The fitted model; null when the data cannot identify it.</param>
/// <param name="LogLikelihood">The maximised log-likelihood; null without a model.</param>
/// <param name="Customers">Customers with a purchase in the calibration period.</param>
/// <param name="RepeatBuyers">Customers with x &gt; 0.</param>
/// <param name="Note">Why there is no fit; null when there is one.</param>
public sealed record PurchaseFit(BetaGeometricNbd? Model, double? LogLikelihood, int Customers, int RepeatBuyers, string? Note)
{
    /// <summary>Fits r, α, a, b by maximum likelihood (METRICS.md §8), searched by <see cref="LogParameterSearch"/>.</summary>
    /// <exception cref="ArgumentException">A summary is not a purchase history (see <see cref="PurchaseSummary.Validate"/>).</exception>
    public static PurchaseFit Fit(IReadOnlyCollection<PurchaseSummary> customers)
    {
        var data = PurchaseData.From(customers);
        PurchaseFit Unfitted(string note) => new(null, null, data.Customers, data.RepeatBuyers, note);
        if (data.Customers == 0)
        {
            return Unfitted("No customers with a purchase in the calibration period: there is nothing to fit.");
        }

        if (data.RepeatBuyers == 0)
        {
            return Unfitted("No customer bought again: without repeat purchases neither the purchase rate nor drop-out can be fitted.");
        }

        var maximum = LogParameterSearch.Maximize(
            point => data.LogLikelihood(point[0], point[1], point[2], point[3]), start: [1.0, 1.0, 1.0, 1.0]);
        if (maximum is not ({ } parameters, var logLikelihood))
        {
            return Unfitted("The likelihood has no interior maximum (a parameter runs off to its limit): the data cannot identify the model.");
        }

        var model = new BetaGeometricNbd(parameters[0], parameters[1], parameters[2], parameters[3]);
        return new PurchaseFit(model, logLikelihood, data.Customers, data.RepeatBuyers, Note: null);
    }
}
