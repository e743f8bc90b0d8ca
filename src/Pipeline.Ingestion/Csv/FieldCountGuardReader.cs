using System.Buffers;

namespace Pipeline.Ingestion.Csv;

/// <summary>
/// A text reader in front of the CSV reader that refuses a record with more than <see cref="MaxFields"/> fields before
/// the CSV reader parses it: counts the delimiters outside quotes since the last record end, as the text passes.
/// </summary>
/// <remarks>
/// <para>
/// Sylvan's cost for the first record of a given width grows faster than the width (a 800,000-field line of
/// <c>1,1,1,…</c>, 1.6 MB, took 18–29 s to be refused as too long; 16,384 fields take 0.06 s), so a one-line file
/// could hold an ingest for half a minute. No export has that many fields in a row, so a record is refused as soon as
/// its field <see cref="MaxFields"/> + 1 begins, whatever its length.
/// </para>
/// <para>
/// Quotes toggle the quoted state, so a doubled quote inside a quoted value leaves it as it was, and delimiters and line
/// breaks inside quotes count for nothing, as in the CSV reader. Line breaks are counted (CR LF, LF or a lone CR as
/// one) so the refusal names the line the record starts on. The inner reader is not disposed with this one.
/// </para>
/// </remarks>
internal sealed class FieldCountGuardReader(TextReader inner, char delimiter) : TextReader
{
    /// <summary>
    /// The most fields a record may have: four times Excel's column count, so a header a little over Excel's width is still
    /// refused with its exact count (<see cref="CsvExportReader.MaxColumns"/>), and a row a little wider than its header
    /// is read as before; the CSV reader takes about half a second over a record this wide.
    /// </summary>
    public const int MaxFields = 4 * CsvExportReader.MaxColumns;

    private readonly SearchValues<char> _stops = SearchValues.Create(['"', '\n', '\r']);
    private bool _quoted;
    private bool _afterCarriageReturn;
    private int _delimiters;
    private long _lineBreaks;
    private long _recordStartLine;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var next = inner.Read();
        if (next >= 0)
        {
            Span<char> one = [(char)next];
            Scan(one);
        }

        return next;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var read = inner.Read(buffer);
        Scan(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Scan(buffer.Span[..read]);
        return read;
    }

    /// <summary>
    /// Follows the text's quotes and line breaks, counting the delimiters between them a segment at a time (a vectorised
    /// count), not one stop per delimiter: a line of 27 fields is one search for its end and one count.
    /// </summary>
    private void Scan(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var at = text.IndexOfAny(_stops);
            var segment = at < 0 ? text : text[..at];

            // A segment that ends its record at a line break and is too short to hold the fields left needs no count:
            // the count starts again at the break (nearly every line of a file).
            var endsRecord = at >= 0 && text[at] != '"' && _delimiters + segment.Length < MaxFields;
            if (!_quoted && !segment.IsEmpty && !endsRecord && (_delimiters += segment.Count(delimiter)) >= MaxFields)
            {
                throw new CsvFieldCountException(_recordStartLine);
            }

            if (at < 0)
            {
                _afterCarriageReturn = false;
                return;
            }

            var stop = text[at];
            var afterCarriageReturn = _afterCarriageReturn && at == 0;
            _afterCarriageReturn = stop == '\r';
            text = text[(at + 1)..];
            if (stop == '"')
            {
                _quoted = !_quoted;
                continue;
            }

            if (!(stop == '\n' && afterCarriageReturn))
            {
                _lineBreaks++;
            }

            if (!_quoted)
            {
                (_delimiters, _recordStartLine) = (0, _lineBreaks);
            }
        }
    }
}

/// <summary>A record has more than <see cref="FieldCountGuardReader.MaxFields"/> fields.</summary>
/// <param name="recordLine">The record's first line, counted from the first line the guard read (0).</param>
internal sealed class CsvFieldCountException(long recordLine)
    : Exception($"A record starting {recordLine} lines after the header has more than {FieldCountGuardReader.MaxFields} fields.")
{
    /// <summary>The record's first line, counted from the first line the guard read (0: the header).</summary>
    public long RecordLine { get; } = recordLine;
}
