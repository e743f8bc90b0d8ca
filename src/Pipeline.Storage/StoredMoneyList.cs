using Pipeline.Domain;

namespace Pipeline.Storage;

/// <summary>A list of amounts in several currencies as one compact Table Storage string: <c>USD:123.45;EUR:10</c>.</summary>
/// <remarks>
/// Each item is the ISO 4217 code, <c>:</c> and the amount as a <see cref="StoredDecimal"/> (every digit and the
/// scale, so <c>10.50</c> stays <c>10.50</c>); items are separated by <c>;</c> in list order. Neither separator can
/// occur in a code or an invariant decimal. An empty list is no property at all (null), and so is a row written
/// before the property existed: both read back as an empty list.
/// </remarks>
internal static class StoredMoneyList
{
    private const char ItemSeparator = ';';
    private const char CodeSeparator = ':';

    public static string? Format(IReadOnlyList<Money> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        return amounts.Count == 0
            ? null
            : string.Join(ItemSeparator, amounts.Select(money => string.Concat(money.Currency.Code, ":", StoredDecimal.Format(money.Amount))));
    }

    public static IReadOnlyList<Money> Parse(string? value, string property)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        return value.Split(ItemSeparator).Select(item => ParseItem(item, property)).ToList();
    }

    private static Money ParseItem(string item, string property)
    {
        var separator = item.IndexOf(CodeSeparator, StringComparison.Ordinal);
        if (separator < 0 || !CurrencyCode.TryParse(item[..separator], out var currency))
        {
            throw new FormatException($"Stored property {property} has the item '{item}', not CODE:amount.");
        }

        return new Money(StoredDecimal.Parse(item[(separator + 1)..], property), currency);
    }
}
