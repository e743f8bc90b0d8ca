namespace Pipeline.Ingestion.Values;

/// <summary>What finance files wrap around numbers: currency symbols and codes, and markers that mean "no value".</summary>
/// <remarks>
/// Excel saves the displayed format of a money cell (<c>€ 59,29</c>, <c>$174.59</c>, <c>EUR 49,00</c>, <c>49,00 €</c>),
/// and ad platforms write <c>--</c> or <c>No data</c> for an empty figure (EXPORTS.md C1.3).
/// </remarks>
internal static class MoneyText
{
    private static readonly string[] EmptyMarkers = ["--", "—", "n/a", "N/A", "n.a.", "na", "NA", "No data", "nvt", "n.v.t.", "null", "NULL"];

    /// <summary>Multi-character symbols first, so <c>US$</c> is removed whole rather than leaving <c>US</c>.</summary>
    private static readonly string[] Symbols =
        ["US$", "AU$", "A$", "CA$", "C$", "NZ$", "HK$", "S$", "R$", "Fr.", "€", "$", "£", "¥", "₹", "₩", "₽", "₺", "₪", "₫", "₱", "฿", "₴", "₦", "zł", "kr", "Kč"];

    /// <summary>True when the (trimmed) cell is a marker for "no value" rather than a number.</summary>
    public static bool IsEmptyMarker(ReadOnlySpan<char> text)
    {
        foreach (var marker in EmptyMarkers)
        {
            if (text.Equals(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Removes one leading or trailing currency symbol or ISO 4217-looking code (three capital letters).</summary>
    /// <returns>The symbol or code removed, or null when there was none.</returns>
    public static string? StripCurrency(ref ReadOnlySpan<char> text)
    {
        foreach (var symbol in Symbols)
        {
            if (text.StartsWith(symbol, StringComparison.Ordinal))
            {
                text = text[symbol.Length..].Trim();
                return symbol;
            }

            if (text.EndsWith(symbol, StringComparison.Ordinal))
            {
                text = text[..^symbol.Length].Trim();
                return symbol;
            }
        }

        if (text.Length > 3 && IsCode(text[..3]))
        {
            var code = text[..3].ToString();
            text = text[3..].Trim();
            return code;
        }

        if (text.Length > 3 && IsCode(text[^3..]))
        {
            var code = text[^3..].ToString();
            text = text[..^3].Trim();
            return code;
        }

        return null;
    }

    private static bool IsCode(ReadOnlySpan<char> text) =>
        text.Length == 3 && char.IsAsciiLetterUpper(text[0]) && char.IsAsciiLetterUpper(text[1]) && char.IsAsciiLetterUpper(text[2]);
}
