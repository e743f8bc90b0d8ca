using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Values;

/// <summary>Reads a yes/no column: <c>true</c>/<c>false</c>, <c>yes</c>/<c>no</c> or <c>1</c>/<c>0</c>, in any case.</summary>
/// <remarks>
/// Spreadsheets write flags in all of these ways (Excel's TRUE, a hand-typed "yes", a 1 from a database export), so
/// each is accepted; anything else is a row error rather than a guess. An empty cell is "not said" (null), so the
/// caller can apply its own default.
/// </remarks>
internal sealed class BooleanColumn(CsvColumn column)
{
    public const string Expected = "expected true or false (also yes/no or 1/0)";

    public CsvColumn Column => column;

    /// <summary>The flag, or null when the cell is empty or invalid (invalid values are reported on the record).</summary>
    public bool? Read(CsvRecord record)
    {
        var text = record.Span(column);
        if (text.IsEmpty)
        {
            return null;
        }

        if (IsAny(text, "true", "yes", "1"))
        {
            return true;
        }

        if (IsAny(text, "false", "no", "0"))
        {
            return false;
        }

        record.Fail(column, string.Concat("'", record.Written(column), "' is not a yes/no value: ", Expected, "."));
        return null;
    }

    private static bool IsAny(ReadOnlySpan<char> text, string word, string shortWord, string digit) =>
        text.Equals(word, StringComparison.OrdinalIgnoreCase)
        || text.Equals(shortWord, StringComparison.OrdinalIgnoreCase)
        || text.SequenceEqual(digit);
}
