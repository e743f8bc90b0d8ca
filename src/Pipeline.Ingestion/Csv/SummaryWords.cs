using System.Buffers;

namespace Pipeline.Ingestion.Csv;

/// <summary>The words that open a totals line in the languages finance files come in.</summary>
internal static class SummaryWords
{
    private static readonly string[] Words =
        ["total", "totals", "grand total", "subtotal", "sub-total", "totaal", "totalen", "subtotaal", "eindtotaal",
            "summe", "gesamt", "gesamtsumme", "zwischensumme", "totaux", "total général", "sous-total", "totale"];

    /// <summary>The letters the words start with, in both cases: a cell starting otherwise (an id, a date) is no total.</summary>
    /// <remarks>Every data row's first cell is checked, so this spares it the comparisons with each word (~2 % of a parse).</remarks>
    private static readonly SearchValues<char> FirstLetters =
        SearchValues.Create([.. Words.Select(word => char.ToLowerInvariant(word[0])).Concat(Words.Select(word => char.ToUpperInvariant(word[0]))).Distinct()]);

    /// <summary>True when <paramref name="cell"/> is a total word, alone or followed by a colon (<c>Total: Account</c>).</summary>
    public static bool Matches(ReadOnlySpan<char> cell)
    {
        if (cell.IsEmpty || !FirstLetters.Contains(cell[0]))
        {
            return false;
        }

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
