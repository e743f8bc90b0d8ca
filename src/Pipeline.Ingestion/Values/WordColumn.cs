using System.Collections.Frozen;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Values;

/// <summary>Reads a column whose cells are words of a fixed vocabulary (a status, a line type), matched case-insensitively.</summary>
/// <remarks>A word that is not in the vocabulary is reported as <c>'{value}' is not {what}: expected {expected}.</c></remarks>
internal sealed class WordColumn<T>
    where T : struct
{
    private readonly CsvColumn _column;
    private readonly FrozenDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly string _what;
    private readonly string _expected;

    /// <param name="column">The column.</param>
    /// <param name="words">The vocabulary; for a word listed twice, the first wins.</param>
    /// <param name="what">What a word names, with its article: <c>a status</c>, <c>an invoice status</c>.</param>
    /// <param name="expected">The accepted words as the message lists them: <c>paid, open or void</c>.</param>
    public WordColumn(CsvColumn column, IEnumerable<KeyValuePair<string, T>> words, string what, string expected)
    {
        var vocabulary = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var (word, value) in words)
        {
            vocabulary.TryAdd(word, value);
        }

        _column = column;
        _words = vocabulary.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _what = what;
        _expected = expected;
    }

    public CsvColumn Column => _column;

    /// <summary>
    /// The word's value; for an empty cell <paramref name="whenEmpty"/>, or (when that is null) an error:
    /// <paramref name="emptyMessage"/> if given, else the one for a word not in the vocabulary.
    /// </summary>
    /// <returns>Null when the cell is invalid (reported on the record) or empty without a default.</returns>
    public T? Read(CsvRecord record, T? whenEmpty = null, string? emptyMessage = null)
    {
        var text = record.Span(_column);
        if (text.IsEmpty && whenEmpty is not null)
        {
            return whenEmpty;
        }

        if (_words.TryGetValue(text, out var value))
        {
            return value;
        }

        record.Fail(_column, text.IsEmpty && emptyMessage is not null
            ? emptyMessage
            : string.Concat("'", record.Written(_column), "' is not ", _what, ": expected ", _expected, "."));
        return null;
    }
}
