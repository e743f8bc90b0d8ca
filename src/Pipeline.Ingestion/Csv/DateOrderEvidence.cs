using System.Globalization;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Csv;

/// <summary>What the cells at the start of a file say about the order of day and month in numeric dates (EXPORTS.md C1.5).</summary>
/// <remarks>
/// A first field over 12 (<c>31/12/2024</c>) means day first, a second field over 12 (<c>12/31/2024</c>) month first.
/// When no date settles it, the locale decides: a <c>;</c> delimiter, decimal commas or dates written with <c>-</c> or
/// <c>.</c> mean day first; a comma-delimited file with <c>/</c> dates is read month first, as US spreadsheets write
/// it. Such a file, and one with dates of both orders, is flagged as ambiguous in the report.
/// </remarks>
internal sealed class DateOrderEvidence(char delimiter)
{
    private string? _dayFirstExample;
    private string? _monthFirstExample;
    private string? _ambiguousExample;
    private bool _slashes;
    private bool _decimalComma;

    public void Add(string cell)
    {
        var text = cell.AsSpan().Trim();
        if (TryReadNumericDate(text, out var first, out var second, out var separator))
        {
            _slashes |= separator == '/';
            _dayFirstExample ??= first > 12 ? text.ToString() : null;
            _monthFirstExample ??= second > 12 ? text.ToString() : null;
            _ambiguousExample ??= first <= 12 && second <= 12 ? text.ToString() : null;
            return;
        }

        _decimalComma |= HasDecimalComma(text);
    }

    /// <summary>The layout with <see cref="CsvLayout.DayFirst"/>, <see cref="CsvLayout.DateOrderAmbiguous"/> and the report note set.</summary>
    public CsvLayout ApplyTo(CsvLayout layout)
    {
        var (localeDayFirst, reason) = LocaleOrder();
        if (_dayFirstExample is not null && _monthFirstExample is null)
        {
            return layout with { DayFirst = true };
        }

        if (_monthFirstExample is not null && _dayFirstExample is null)
        {
            return layout with { DayFirst = false };
        }

        var order = localeDayFirst ? "day first" : "month first";
        if (_dayFirstExample is not null)
        {
            return layout with
            {
                DayFirst = localeDayFirst,
                DateOrderAmbiguous = true,
                DateOrderWarning = string.Concat("The file has dates with the day first (", _dayFirstExample, ") and dates with the month first (",
                    _monthFirstExample, "), so its day order is unclear; dates were read ", order, " because ", reason,
                    ", and dates that do not fit are row errors. Check the months in the report."),
            };
        }

        return _ambiguousExample is null ? layout with { DayFirst = localeDayFirst } : layout with
        {
            DayFirst = localeDayFirst,
            DateOrderAmbiguous = true,
            DateOrderWarning = string.Concat("Dates such as ", _ambiguousExample, " could be ", Readings(_ambiguousExample),
                "; they were read ", order, " because ", reason, ". Check the months in the report."),
        };
    }

    private (bool DayFirst, string Reason) LocaleOrder() =>
        delimiter == ';' ? (true, "the file is delimited with ';', as spreadsheets in day-first locales save it")
        : _decimalComma ? (true, "its amounts have a decimal comma, as in day-first locales")
        : !_slashes ? (true, "dates written with '-' or '.' are day first in the locales that write them")
        : (false, "the file is comma-delimited with '/' dates, as US spreadsheets save it");

    /// <summary>"3 April or March 4" for <c>03/04/2025</c>.</summary>
    private static string Readings(string example)
    {
        _ = TryReadNumericDate(example, out var first, out var second, out _);
        return string.Create(CultureInfo.InvariantCulture,
            $"{first} {MonthNames.English(second)} or {MonthNames.English(first)} {second}");
    }

    /// <summary><c>a/b/yyyy</c>, <c>a-b-yyyy</c> or <c>a.b.yyyy</c> (optionally followed by a time) with fields that can be a day and a month.</summary>
    private static bool TryReadNumericDate(ReadOnlySpan<char> text, out int first, out int second, out char separator)
    {
        first = second = 0;
        separator = default;
        var firstDigits = Digits(text);
        if (firstDigits is < 1 or > 2 || text.Length <= firstDigits || text[firstDigits] is not ('/' or '-' or '.'))
        {
            return false;
        }

        separator = text[firstDigits];
        var rest = text[(firstDigits + 1)..];
        var secondDigits = Digits(rest);
        if (secondDigits is < 1 or > 2 || rest.Length <= secondDigits || rest[secondDigits] != separator)
        {
            return false;
        }

        var year = rest[(secondDigits + 1)..];
        if (Digits(year) != 4 || (year.Length > 4 && year[4] is not (' ' or 'T')))
        {
            return false;
        }

        first = int.Parse(text[..firstDigits], CultureInfo.InvariantCulture);
        second = int.Parse(rest[..secondDigits], CultureInfo.InvariantCulture);
        return first is >= 1 and <= 31 && second is >= 1 and <= 31 && (first <= 12 || second <= 12);
    }

    /// <summary>A number (optionally signed, with a currency mark) whose decimal separator is a comma, as in <c>59,29</c>.</summary>
    private static bool HasDecimalComma(ReadOnlySpan<char> text)
    {
        if (text.IndexOf(',') < 0 || text.Length > 32)
        {
            return false;
        }

        text = text.Trim("-+() ");
        _ = MoneyText.StripCurrency(ref text);
        text = text.Trim("-+() ");
        foreach (var character in text)
        {
            if (!char.IsAsciiDigit(character) && character is not ('.' or ',' or ' ' or '\u00A0' or '\u202F'))
            {
                return false;
            }
        }

        return !text.IsEmpty && char.IsAsciiDigit(text[0]) && DecimalSeparatorEvidence.Of(text) == ',';
    }

    private static int Digits(ReadOnlySpan<char> text)
    {
        var count = 0;
        while (count < text.Length && char.IsAsciiDigit(text[count]))
        {
            count++;
        }

        return count;
    }
}
