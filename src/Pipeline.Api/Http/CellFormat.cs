namespace Pipeline.Api.Http;

/// <summary>What a column's values are, beyond their .NET type, for a spreadsheet (<see cref="CellFormatAttribute"/>).</summary>
public enum CellFormat
{
    /// <summary>As the value's type says: numbers as numbers, text as text, instants as date-times.</summary>
    Value,

    /// <summary>A <c>yyyy-MM</c> month: a date cell (the month's first day) shown as <c>yyyy-mm</c>.</summary>
    Month,

    /// <summary>A fraction (0.25 = 25 %): a number cell shown as a percentage; the value stays the fraction.</summary>
    Percent,
}
