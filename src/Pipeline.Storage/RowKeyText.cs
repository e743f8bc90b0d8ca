using System.Globalization;
using System.Text;

namespace Pipeline.Storage;

/// <summary>Free text (segment values, dimensions) as part of a table key: reversible, and never a forbidden character.</summary>
/// <remarks>
/// <para>
/// Table keys may not contain <c>/ \ # ?</c> or control characters (U+0000–U+001F, U+007F–U+009F). Each of those,
/// and the escape character <c>~</c> itself, becomes <c>~</c> plus two upper-case hex digits (<c>/</c> → <c>~2F</c>);
/// every other character, unicode included, is kept, so keys stay readable in Storage Explorer.
/// </para>
/// <para>
/// <c>%</c> and <c>'</c> are escaped too: both are legal in keys but break point operations and batch deletes in
/// some clients and in Azurite, and the replace-all writes delete rows in batches. <c>~</c> is the escape instead
/// of <c>%</c> for the same reason. All escaped characters are below U+00A0, so two hex digits always suffice.
/// </para>
/// </remarks>
internal static class RowKeyText
{
    public const char Escape = '~';

    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(MustEscape))
        {
            return text;
        }

        var encoded = new StringBuilder(text.Length + 8);
        foreach (var character in text)
        {
            if (MustEscape(character))
            {
                encoded.Append(Escape).Append(((int)character).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                encoded.Append(character);
            }
        }

        return encoded.ToString();
    }

    /// <summary>Reverses <see cref="Encode"/>; throws <see cref="FormatException"/> on a broken escape.</summary>
    public static string Decode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Contains(Escape, StringComparison.Ordinal))
        {
            return key;
        }

        var decoded = new StringBuilder(key.Length);
        for (var index = 0; index < key.Length; index++)
        {
            if (key[index] != Escape)
            {
                decoded.Append(key[index]);
                continue;
            }

            if (index + 2 >= key.Length
                || !byte.TryParse(key.AsSpan(index + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                throw new FormatException($"Row key text '{key}' has a broken escape at position {index}.");
            }

            decoded.Append((char)code);
            index += 2;
        }

        return decoded.ToString();
    }

    private static bool MustEscape(char character) =>
        character is '/' or '\\' or '#' or '?' or '%' or '\'' or Escape || char.IsControl(character);
}
