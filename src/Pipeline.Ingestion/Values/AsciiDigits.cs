using System.Globalization;
using System.Runtime.CompilerServices;

namespace Pipeline.Ingestion.Values;

/// <summary>Whole numbers written as ASCII digits only (no sign, no spaces, no separators), read without a number parser.</summary>
internal static class AsciiDigits
{
    /// <summary>As <c>int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)</c>, without its format lookup for up to 9 digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<char> text, out int value)
    {
        if (text.Length is 0 or > 9)
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        value = 0;
        foreach (var character in text)
        {
            var digit = character - '0';
            if (unchecked((uint)digit) > 9)
            {
                value = 0;
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
