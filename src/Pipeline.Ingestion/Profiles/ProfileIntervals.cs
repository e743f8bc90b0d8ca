using System.Globalization;
using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;

namespace Pipeline.Ingestion.Profiles;

/// <summary>Billing intervals as a profile writes them (<c>1 month</c>, <c>3 month</c>, <c>quarter</c>), and keyword search in descriptions.</summary>
internal static class ProfileIntervals
{
    public const string Expected = "an interval such as \"1 month\", \"3 month\", \"1 year\", \"1 week\" or \"quarter\"";

    private const int MaxCount = 1000;

    /// <summary>An optional count (1–1000) and a unit word of the canonical vocabulary; null when it is neither.</summary>
    public static BillingInterval? Parse(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var count = 1;
        if (parts.Length == 2 && (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxCount))
        {
            return null;
        }

        return parts.Length is 1 or 2 && CanonicalVocabulary.TryParseInterval(parts[^1], out var unit, out var multiplier)
            ? new BillingInterval(unit, count * multiplier)
            : null;
    }

    /// <summary>The keyword that occurs first in <paramref name="text"/> as a whole word (any case), or null.</summary>
    /// <remarks>A keyword inside a longer word does not count: <c>maand</c> is not found in <c>maandelijks</c>.</remarks>
    public static string? FirstKeyword(ReadOnlySpan<char> text, IEnumerable<string> keywords)
    {
        string? first = null;
        var firstAt = int.MaxValue;
        foreach (var keyword in keywords)
        {
            var at = WholeWordIndex(text, keyword);
            if (at >= 0 && (at < firstAt || (at == firstAt && keyword.Length > first!.Length)))
            {
                (first, firstAt) = (keyword, at);
            }
        }

        return first;
    }

    private static int WholeWordIndex(ReadOnlySpan<char> text, string word)
    {
        var offset = 0;
        while (offset <= text.Length - word.Length)
        {
            var at = text[offset..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return -1;
            }

            at += offset;
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return at;
            }

            offset = at + 1;
        }

        return -1;
    }
}
