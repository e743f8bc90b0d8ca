namespace Pipeline.Domain;

/// <summary>An amount of one currency, in major units at full precision.</summary>
/// <remarks>
/// There is no implicit conversion between currencies: adding or comparing two currencies throws, because a
/// silent mix is the most expensive bug a revenue report can have. Round only for display (<see cref="Rounded"/>).
/// </remarks>
public readonly record struct Money(decimal Amount, CurrencyCode Currency)
{
    public static Money Zero(CurrencyCode currency) => new(0m, currency);

    /// <summary>Converts an integer amount in minor units (cents) using the currency's ISO 4217 exponent.</summary>
    public static Money FromMinorUnits(long minorUnits, CurrencyCode currency)
    {
        decimal scale = 1m;
        for (var digit = 0; digit < currency.MinorUnits; digit++)
        {
            scale *= 10m;
        }

        return new Money(minorUnits / scale, currency);
    }

    /// <summary>The amount rounded to the currency's minor unit, with its trailing zeros (12.50, not 12.5).</summary>
    public decimal Rounded => Currency.Round(Amount);

    public static Money operator +(Money left, Money right) => new(left.Amount + SameCurrency(left, right), left.Currency);

    public static Money operator -(Money left, Money right) => new(left.Amount - SameCurrency(left, right), left.Currency);

    public static Money Add(Money left, Money right) => left + right;

    public static Money Subtract(Money left, Money right) => left - right;

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Rounded} {Currency}");

    private static decimal SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? right.Amount
            : throw new InvalidOperationException($"Cannot combine {left.Currency} and {right.Currency} without an exchange rate.");
}
