namespace Pipeline.Ingestion.Csv;

/// <summary>The words that open a totals line in the languages finance files come in.</summary>
internal static class SummaryWords
{
    private static readonly string[] Words =
        ["total", "totals", "grand total", "subtotal", "sub-total", "totaal", "totalen", "subtotaal", "eindtotaal",
            "summe", "gesamt", "gesamtsumme", "zwischensumme", "totaux", "total général", "sous-total", "totale"];

    /// <summary>True when <paramref name="cell"/> is a total word, alone or followed by a colon (<c>Total: Account</c>).</summary>
    public static bool Matches(ReadOnlySpan<char> cell)
    {
        var colon = cell.IndexOf(':');
        var head = (colon >= 0 ? cell[..colon] : cell).Trim();
        foreach (var word in Words)
        {
            if (head.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
