using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Profiles;

/// <summary>Reads a number column of a profile's file: the profile's decimal separator, money text, and its amount unit.</summary>
/// <remarks>
/// Amounts may be written as displayed (<c>€ 59,29</c>, <c>-€ 27,00</c>, <c>$ 1.200,00</c>). When the profile fixes the
/// decimal separator, a value that plainly uses the other one (<c>59.29</c> in a comma file) is a row error rather than
/// a silent factor of 100. Money in minor units must be whole and is divided by 10^minor digits of the row's currency.
/// </remarks>
internal sealed class ProfileNumberColumn
{
    private readonly DecimalColumn _column;
    private readonly char? _separator;
    private readonly bool _minorUnits;

    public ProfileNumberColumn(CsvColumn column, CsvLayout layout, MappingProfile profile, bool isMoney)
    {
        _separator = profile.DecimalSeparator;
        _minorUnits = isMoney && profile.AmountUnit == AmountUnit.Minor;
        var comma = _separator is { } separator ? separator == ',' : layout.DecimalCommaByDefault;
        var example = _minorUnits ? "5929 (minor units)" : comma ? "59,29, € 59,29 or 1.234,56" : "59.29, $59.29 or 1,234.56";
        _column = new DecimalColumn(column, comma, string.Concat("a number such as ", example), moneyText: isMoney);
    }

    public CsvColumn Column => _column.Column;

    public bool IsPresent => _column.Column.IsPresent;

    /// <summary>The value in major units of <paramref name="currency"/>, or null when empty or invalid (reported on the record).</summary>
    public decimal? Read(CsvRecord record, CurrencyCode? currency)
    {
        var text = record.Span(Column);
        if (_separator is { } separator && DecimalSeparatorEvidence.Of(text) is var evidence && evidence != default && evidence != separator)
        {
            record.Fail(Column, string.Concat("'", record.Written(Column), "' uses a decimal ", Describe(evidence),
                ", but the profile's decimalSeparator is \"", separator.ToString(), "\"."));
            return null;
        }

        var value = _column.Read(record);
        if (value is null || !_minorUnits)
        {
            return value;
        }

        if (value != decimal.Truncate(value.Value))
        {
            record.Fail(Column, string.Concat("'", record.Written(Column),
                "' is not a whole number, but the profile's amountUnit is minor (cents): write 5929 for 59,29."));
            return null;
        }

        return currency is { } code ? value / MinorUnitColumn.Scale(code.MinorUnits) : value;
    }

    private static string Describe(char separator) => separator == ',' ? "comma" : "point";
}
