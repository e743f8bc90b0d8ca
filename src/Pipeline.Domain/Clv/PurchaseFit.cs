namespace Pipeline.Domain.Clv;

/// <summary>The outcome of fitting BG/NBD to a group's purchase histories: the model and its log-likelihood, or a note saying why there is none.</summary>
/// <param name="Model">The fitted model; null when the data cannot identify it.</param>
/// <param name="LogLikelihood">The maximised log-likelihood; null without a model.</param>
/// <param name="Customers">Customers with a purchase in the calibration period.</param>
/// <param name="RepeatBuyers">Customers with x &gt; 0.</param>
/// <param name="Note">Why there is no fit; null when there is one.</param>
public sealed record PurchaseFit(BetaGeometricNbd? Model, double? LogLikelihood, int Customers, int RepeatBuyers, string? Note);
