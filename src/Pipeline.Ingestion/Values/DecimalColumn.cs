using System.Globalization;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Values;

/// <summary>Reads a number column whose decimal separator (point or comma) is decided per file and column.</summary>
/// <remarks>
/// A lone <c>1,234</c> is ambiguous, so the column starts from the file's default (comma for a <c>;</c> delimiter,
/// else point) until a valid number settles it: one with both separators (the last is the decimal one), a separator used
/// twice (a thousands separator), or a single separator not followed by exactly three digits. A later value that
/// contradicts the settled separator is a row error. Values are parsed with the invariant culture after
/// normalisation; spaces, no-break spaces and apostrophes are accepted as thousands separators.
/// </remarks>
internal sealed class DecimalColumn(CsvColumn column, bool decimalCommaByDefault, string expected)
{
    private readonly bool _moneyText;

    /// <summary>A column of a vendor export or a hand-kept register, where amounts may be written as displayed.</summary>
    /// <param name="column">The column.</param>
    /// <param name="decimalCommaByDefault">The file's default decimal separator until a value settles it.</param>
    /// <param name="expected">What a valid value looks like, for row errors.</param>
    /// <param name="moneyText">
    /// True to accept a currency symbol or code around the number (<c>€ 59,29</c>, <c>$174.59</c>, <c>EUR 49,00</c>; see
    /// <see cref="LastCurrencyMark"/>) and to read <c>--</c>, <c>n/a</c>, <c>No data</c> as empty.
    /// </param>
    public DecimalColumn(CsvColumn column, bool decimalCommaByDefault, string expected, bool moneyText)
        : this(column, decimalCommaByDefault, expected) => _moneyText = moneyText;

    private const int MaxLength = 64;
    private char _settled;

    public CsvColumn Column => column;

    /// <summary>The currency symbol or code written around the last value read (<c>€</c>, <c>$</c>, <c>EUR</c>), or null.</summary>
    public string? LastCurrencyMark { get; private set; }

    /// <summary>The value, or null when the cell is empty or invalid (invalid values are reported on the record).</summary>
    public decimal? Read(CsvRecord record) => Read(record, record.Span(column));

    /// <summary>Like <see cref="Read(CsvRecord)"/>, but an empty cell is reported with <paramref name="emptyMessage"/>.</summary>
    public decimal? ReadRequired(CsvRecord record, string emptyMessage)
    {
        var text = record.Span(column);
        if (text.IsEmpty || (_moneyText && MoneyText.IsEmptyMarker(text)))
        {
            LastCurrencyMark = null;
            record.Fail(column, emptyMessage);
            return null;
        }

        return Read(record, text);
    }

    private decimal? Read(CsvRecord record, ReadOnlySpan<char> text)
    {
        LastCurrencyMark = null;
        if (text.IsEmpty || (_moneyText && MoneyText.IsEmptyMarker(text)))
        {
            return null;
        }

        var negative = StripSign(ref text);
        LastCurrencyMark = _moneyText ? MoneyText.StripCurrency(ref text) : null;
        if (LastCurrencyMark is not null && !negative)
        {
            negative = StripSign(ref text);
        }

        var evidence = DecimalSeparatorEvidence.Of(text);
        if (evidence != default && _settled != default && evidence != _settled)
        {
            record.Fail(column, string.Concat("'", record.Written(column), "' uses a decimal ", Describe(evidence),
                ", but other values in this column use a decimal ", Describe(_settled), "; use one decimal separator for the whole column."));
            return null;
        }

        var separator = _settled != default ? _settled : evidence != default ? evidence : decimalCommaByDefault ? ',' : '.';
        if (text.Length > MaxLength || !TryParseUnsigned(text, separator, out var value))
        {
            record.Fail(column, string.Concat("'", record.Written(column), "' is not a number: expected ", expected, "."));
            return null;
        }

        // Only a number settles the column: "n.a." looks like thousands points but says nothing about decimals.
        if (_settled == default)
        {
            _settled = evidence;
        }

        return negative ? -value : value;
    }

    private static string Describe(char separator) => separator == ',' ? "comma" : "point";

    private static bool StripSign(ref ReadOnlySpan<char> text)
    {
        if (text.Length > 2 && text[0] == '(' && text[^1] == ')')
        {
            text = text[1..^1].Trim();
            return true;
        }

        if (text.Length > 1 && (text[0] == '-' || text[^1] == '-'))
        {
            text = (text[0] == '-' ? text[1..] : text[..^1]).Trim();
            return true;
        }

        if (text.Length > 1 && text[0] == '+')
        {
            text = text[1..].Trim();
        }

        return false;
    }

    /// <summary>
    /// Checks that thousands groups have three digits and makes the value from the digits: up to 19 digits directly (the
    /// digits as a 64-bit integer, the fraction's length as the scale, so <c>49.00</c> keeps its two decimals as
    /// <see cref="decimal.Parse(string)"/> does), longer numbers through the invariant parser.
    /// </summary>
    private static bool TryParseUnsigned(ReadOnlySpan<char> text, char separator, out decimal value)
    {
        value = 0m;
        var mantissa = 0UL;
        var allDigits = 0;
        var scale = 0;
        var digits = 0;
        var groups = 0;
        var inFraction = false;
        foreach (var character in text)
        {
            if (char.IsAsciiDigit(character))
            {
                mantissa = unchecked((mantissa * 10) + (ulong)(character - '0'));
                allDigits++;
                digits++;
                scale += inFraction ? 1 : 0;
            }
            else if (character == separator && !inFraction && EndsIntegerGroup(digits, groups))
            {
                inFraction = true;
                digits = 0;
            }
            else if (!inFraction && DecimalSeparatorEvidence.IsGroupSeparator(character, separator) && StartsNextGroup(digits, groups))
            {
                groups++;
                digits = 0;
            }
            else
            {
                return false;
            }
        }

        var complete = inFraction ? digits > 0 : digits > 0 && EndsIntegerGroup(digits, groups);
        if (!complete)
        {
            return false;
        }

        if (allDigits <= 19)
        {
            value = new decimal(unchecked((int)mantissa), unchecked((int)(mantissa >> 32)), 0, isNegative: false, (byte)scale);
            return true;
        }

        return TryParseLong(text, separator, out value);
    }

    /// <summary>A number of more than 19 digits (already checked): its digits and point copied, then parsed invariantly.</summary>
    private static bool TryParseLong(ReadOnlySpan<char> text, char separator, out decimal value)
    {
        Span<char> normalised = stackalloc char[MaxLength];
        var length = 0;
        foreach (var character in text)
        {
            if (char.IsAsciiDigit(character))
            {
                normalised[length++] = character;
            }
            else if (character == separator)
            {
                normalised[length++] = '.';
            }
        }

        return decimal.TryParse(normalised[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A thousands separator may follow 1–3 leading digits, or exactly 3 after an earlier separator.</summary>
    private static bool StartsNextGroup(int digits, int groupsBefore) => groupsBefore == 0 ? digits is >= 1 and <= 3 : digits == 3;

    /// <summary>Without thousands separators the integer part may have any length; with them its last group has 3 digits.</summary>
    private static bool EndsIntegerGroup(int digits, int groupsBefore) => groupsBefore == 0 || digits == 3;
}
