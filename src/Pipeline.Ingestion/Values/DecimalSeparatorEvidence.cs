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
        // One pass (values are short): the first and last point and comma.
        var (firstPoint, lastPoint, firstComma, lastComma) = (-1, -1, -1, -1);
        for (var index = 0; index < text.Length; index++)
        {
            switch (text[index])
            {
                case '.':
                    firstPoint = firstPoint < 0 ? index : firstPoint;
                    lastPoint = index;
                    break;
                case ',':
                    firstComma = firstComma < 0 ? index : firstComma;
                    lastComma = index;
                    break;
            }
        }

        if (lastPoint >= 0 && lastComma >= 0)
        {
            return lastPoint > lastComma ? '.' : ',';
        }

        var (separator, first, last) = lastPoint >= 0 ? ('.', firstPoint, lastPoint) : (',', firstComma, lastComma);
        if (last < 0)
        {
            return default;
        }

        if (first != last)
        {
            return separator == '.' ? ',' : '.';
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
