namespace Pipeline.Domain;

/// <summary>One published exchange rate: on <see cref="Date"/>, 1 <see cref="Base"/> = <see cref="Rate"/> <see cref="Quote"/>.</summary>
/// <remarks>From a canonical rates file (<c>date,base,quote,rate</c>) or the ECB reference-rate history (base EUR).</remarks>
public sealed record ExchangeRate(DateOnly Date, CurrencyCode Base, CurrencyCode Quote, decimal Rate)
{
    /// <summary>The row in the source file, for traceability.</summary>
    public long RowNumber { get; init; }
}
