using System.Globalization;

namespace Pipeline.Storage;

/// <summary>Decimals in Table Storage: an invariant string at full precision, never a double.</summary>
/// <remarks>
/// <see cref="decimal.ToString(IFormatProvider)"/> keeps every digit and the scale (<c>12.50</c> stays <c>12.50</c>),
/// and never uses an exponent, so parsing gives back the identical value.
/// </remarks>
internal static class StoredDecimal
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Format(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static decimal Parse(string? value, string property) =>
        decimal.TryParse(value, Style, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new FormatException($"Stored property {property} is '{value}', not an invariant decimal.");

    /// <summary>Parses an optional figure: no property (null) stays null.</summary>
    public static decimal? ParseOptional(string? value, string property) => value is null ? null : Parse(value, property);
}
