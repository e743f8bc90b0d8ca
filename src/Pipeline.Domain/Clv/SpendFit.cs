namespace Pipeline.Domain.Clv;

/// <summary>The outcome of fitting Gamma-Gamma to a group's repeat buyers: the model and its log-likelihood, or a note saying why there is none.</summary>
/// <param name="Model">The fitted model; null when the data cannot identify it.</param>
/// <param name="LogLikelihood">The maximised log-likelihood (of the mean values m̄); null without a model.</param>
/// <param name="RepeatBuyers">Repeat buyers with a positive mean value, the customers the model is fitted on.</param>
/// <param name="Note">Why there is no fit; null when there is one.</param>
public sealed record SpendFit(GammaGammaSpend? Model, double? LogLikelihood, int RepeatBuyers, string? Note);
