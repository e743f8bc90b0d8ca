namespace Pipeline.Domain.Clv;

/// <summary>Shared bounds of the maximum-likelihood searches.</summary>
internal static class ModelLimits
{
    /// <summary>Past e^15 (3.3 million) or below e^−15 a parameter is running off: the likelihood has no interior maximum.</summary>
    public const double LogParameterLimit = 15.0;
}
