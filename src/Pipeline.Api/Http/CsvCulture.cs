using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Pipeline.Api.Http;

/// <summary>The list separator and decimal mark Excel expects from a <c>format=csv-excel</c> file, by <c>culture=</c>.</summary>
/// <remarks>
/// <para>
/// The hosts run with invariant globalization (no ICU culture data), so the cultures are a table of their own: the
/// languages that write a decimal comma (<c>nl</c>, <c>de</c>, <c>fr</c>, <c>es</c> …) get <c>;</c> between cells and
/// <c>,</c> in numbers, as Excel in those locales reads a CSV; Switzerland and Liechtenstein, Mexico and the US keep the
/// point. Any other well-formed culture (<c>en-US</c>, <c>ja-JP</c> …) and no culture at all get <c>,</c> and <c>.</c>.
/// </para>
/// <para>
/// The default is this invariant form, not the request's <c>Accept-Language</c>: a BI tool's or script's language says
/// little about the Excel that will open the file, and a URL that names its culture gives the same bytes to everyone.
/// </para>
/// </remarks>
public sealed record CsvCulture(string Name, char Separator, string DecimalMark)
{
    public static CsvCulture Invariant { get; } = new(string.Empty, ',', ".");

    private static readonly HashSet<string> DecimalCommaLanguages = new(StringComparer.OrdinalIgnoreCase)
    {
        "bg", "ca", "cs", "da", "de", "el", "es", "et", "eu", "fi", "fr", "gl", "hr", "hu", "id", "is", "it", "lt", "lv",
        "nb", "nl", "nn", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sr", "sv", "tr", "uk", "vi",
    };

    private static readonly HashSet<string> DecimalPointRegions = new(StringComparer.OrdinalIgnoreCase) { "CH", "LI", "MX", "US" };

    /// <summary>The numbers of this culture: its decimal mark, no group separator.</summary>
    public NumberFormatInfo Numbers { get; } = new() { NumberDecimalSeparator = DecimalMark, NumberGroupSeparator = string.Empty };

    /// <summary>Reads a culture name such as <c>nl-NL</c>, <c>de</c> or <c>en-US</c>; false for anything not shaped like one.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out CsvCulture? culture)
    {
        culture = null;
        if (string.IsNullOrEmpty(name))
        {
            culture = Invariant;
            return true;
        }

        var parts = name.Split('-');
        if (parts.Length > 2 || parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetter)
            || (parts.Length == 2 && (parts[1].Length is < 2 or > 3 || !parts[1].All(char.IsAsciiLetterOrDigit))))
        {
            return false;
        }

        var comma = DecimalCommaLanguages.Contains(parts[0]) && (parts.Length == 1 || !DecimalPointRegions.Contains(parts[1]));
        culture = comma ? new CsvCulture(name, ';', ",") : new CsvCulture(name, ',', ".");
        return true;
    }
}
