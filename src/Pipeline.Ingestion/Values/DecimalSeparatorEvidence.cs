namespace Pipeline.Ingestion.Values;

/// <summary>What a single unsigned number says about its decimal separator, if anything.</summary>
internal static class DecimalSeparatorEvidence
{
    /// <summary>
    /// <c>.</c> or <c>,</c> when the value settles the decimal separator, or <c>'\0'</c> when it is ambiguous
    /// (no separator, or one separator followed by exactly three digits, as in <c>1,234</c>).
    /// </summary>
    public static char Of(ReadOnlySpan<char> text)
    {
        var lastPoint = text.LastIndexOf('.');
        var lastComma = text.LastIndexOf(',');
        if (lastPoint >= 0 && lastComma >= 0)
        {
            return lastPoint > lastComma ? '.' : ',';
        }

        var last = Math.Max(lastPoint, lastComma);
        if (last < 0)
        {
            return default;
        }

        var separator = text[last];
        var other = separator == '.' ? ',' : '.';
        if (text.IndexOf(separator) != last)
        {
            return other;
        }

        return text.Length - last - 1 == 3 ? default : separator;
    }

    /// <summary>True for characters that may separate thousands when <paramref name="decimalSeparator"/> is the decimal one.</summary>
    public static bool IsGroupSeparator(char character, char decimalSeparator) => character switch
    {
        ' ' or '\u00A0' or '\u202F' or '\'' => true,
        '.' or ',' => character != decimalSeparator,
        _ => false,
    };
}
