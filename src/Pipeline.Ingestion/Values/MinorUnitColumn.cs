using System.Globalization;
using Pipeline.Domain;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Values;

/// <summary>Reads an amount written as a whole number of minor units (cents) and converts it to major units.</summary>
/// <remarks>
/// The unit is a property of the format (EXPORTS.md C1.4), never guessed from magnitude: <c>5000</c> in USD is 50.00,
/// in JPY 5000 and in KWD 5.000 (<see cref="CurrencyCode.MinorUnits"/>). A value with a decimal separator is a row
/// error, unless the format knows that such a value means major units (Chargebee's guard), which is then remembered
/// for a warning.
/// </remarks>
internal sealed class MinorUnitColumn
{
    private const int MaxDigits = 20;

    private readonly string _expected;
    private readonly DecimalColumn? _majorFallback;

    /// <param name="column">The column.</param>
    /// <param name="expected">What a valid value looks like, for row errors.</param>
    /// <param name="decimalMeansMajorUnits">True to read a value with a decimal separator as major units (with a warning).</param>
    /// <param name="decimalCommaByDefault">The file's default decimal separator, for such major-unit values.</param>
    public MinorUnitColumn(CsvColumn column, string expected, bool decimalMeansMajorUnits = false, bool decimalCommaByDefault = false)
    {
        Column = column;
        _expected = expected;
        _majorFallback = decimalMeansMajorUnits ? new DecimalColumn(column, decimalCommaByDefault, expected, moneyText: true) : null;
    }

    public CsvColumn Column { get; }

    /// <summary>The first row where a value with a decimal separator was read as major units, or null.</summary>
    public long? FirstMajorUnitRow { get; private set; }

    /// <summary>How many values were read as major units because they had a decimal separator.</summary>
    public int MajorUnitValues { get; private set; }

    public bool IsPresent => Column.IsPresent;

    public bool IsEmpty(CsvRecord record) => record.Span(Column).IsEmpty;

    /// <summary>The amount in major units of <paramref name="currency"/>, or null when empty or invalid (reported on the record).</summary>
    /// <remarks>With no currency (itself a row error) a valid value still returns null without a second error.</remarks>
    public decimal? Read(CsvRecord record, CurrencyCode? currency)
    {
        var text = record.Span(Column);
        if (text.IsEmpty)
        {
            return null;
        }

        if (TryParseWhole(text, out var minor))
        {
            return currency is { } code ? minor / Scale(code.MinorUnits) : null;
        }

        if (_majorFallback is not null && (text.Contains('.') || text.Contains(',')))
        {
            var major = _majorFallback.Read(record);
            if (major is not null)
            {
                MajorUnitValues++;
                FirstMajorUnitRow ??= record.Row;
            }

            return major;
        }

        record.Fail(Column, string.Concat("'", record.Written(Column), "' is not a whole number of minor units: expected ", _expected, "."));
        return null;
    }

    /// <summary>Like <see cref="Read"/>, but an empty cell is reported with <paramref name="emptyMessage"/>.</summary>
    public decimal? ReadRequired(CsvRecord record, CurrencyCode? currency, string emptyMessage)
    {
        if (record.Span(Column).IsEmpty)
        {
            record.Fail(Column, emptyMessage);
            return null;
        }

        return Read(record, currency);
    }

    /// <summary>10 to the power <paramref name="digits"/>: minor units per major unit.</summary>
    public static decimal Scale(int digits)
    {
        var scale = 1m;
        for (var digit = 0; digit < digits; digit++)
        {
            scale *= 10m;
        }

        return scale;
    }

    /// <summary>Converts a minor-unit amount as written in a side file (a zip member) to major units.</summary>
    /// <param name="text">The value as written.</param>
    /// <param name="currency">Its currency.</param>
    /// <param name="major">The amount in major units.</param>
    /// <param name="writtenInMajorUnits">True when the value had a decimal separator and was read as major units.</param>
    /// <returns>False when the value is not a number.</returns>
    public static bool TryConvert(string text, CurrencyCode currency, out decimal major, out bool writtenInMajorUnits)
    {
        ArgumentNullException.ThrowIfNull(text);
        writtenInMajorUnits = false;
        major = 0m;
        var span = text.AsSpan().Trim();
        if (TryParseWhole(span, out var minor))
        {
            major = minor / Scale(currency.MinorUnits);
            return true;
        }

        var normalised = span.ToString().Replace(',', '.');
        writtenInMajorUnits = normalised.Count(character => character == '.') == 1
            && decimal.TryParse(normalised, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out major);
        major = writtenInMajorUnits ? major : 0m;
        return writtenInMajorUnits;
    }

    private static bool TryParseWhole(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0m;
        var digits = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? text[1..] : text;
        return digits.Length is > 0 and <= MaxDigits && !digits.ContainsAnyExceptInRange('0', '9')
            && decimal.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
