using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Sylvan.Data.Csv;

namespace Pipeline.Ingestion.Csv;

/// <summary>The current data row of a CSV file: trimmed field access by column and the row's errors.</summary>
/// <remarks>One instance is reused for every row of a file, so reading a row allocates only the strings it keeps.</remarks>
internal sealed class CsvRecord(CsvDataReader reader, List<RowError> errors)
{
    private const byte FieldSeparator = 0x1F;
    private int _errorsBefore;

    /// <summary>The 1-based line number where the record starts (the header is row 1).</summary>
    public long Row { get; private set; }

    public bool HasErrors => errors.Count > _errorsBefore;

    public bool IsBlank
    {
        get
        {
            for (var ordinal = 0; ordinal < reader.RowFieldCount; ordinal++)
            {
                if (!reader.GetFieldSpan(ordinal).IsWhiteSpace())
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// True for a totals line a spreadsheet or report appends (<c>Total: Account</c>, <c>Totaal</c>, <c>Summe</c>):
    /// its first non-empty cell is a total word, alone or followed by a colon.
    /// </summary>
    public bool IsSummary
    {
        get
        {
            for (var ordinal = 0; ordinal < reader.RowFieldCount; ordinal++)
            {
                var cell = reader.GetFieldSpan(ordinal).Trim();
                if (!cell.IsEmpty)
                {
                    return SummaryWords.Matches(cell);
                }
            }

            return false;
        }
    }

    /// <summary>The first non-empty cell as written, for messages.</summary>
    public string FirstCell
    {
        get
        {
            for (var ordinal = 0; ordinal < reader.RowFieldCount; ordinal++)
            {
                var cell = reader.GetFieldSpan(ordinal).Trim();
                if (!cell.IsEmpty)
                {
                    return cell.ToString();
                }
            }

            return string.Empty;
        }
    }

    public void Begin(long row)
    {
        Row = row;
        _errorsBefore = errors.Count;
    }

    /// <summary>The trimmed value; empty when the column is absent, the row is short, or the cell is empty.</summary>
    public ReadOnlySpan<char> Span(CsvColumn column)
    {
        if (column.Ordinal < 0 || column.Ordinal >= reader.RowFieldCount)
        {
            return [];
        }

        // Nearly every value starts and ends with a printable ASCII character, which is not white space: no trim.
        var value = reader.GetFieldSpan(column.Ordinal);
        return value.IsEmpty || (value[0] is > ' ' and <= '~' && value[^1] is > ' ' and <= '~') ? value : value.Trim();
    }

    /// <summary>The trimmed value, or null when it is empty or the column is absent.</summary>
    public string? Text(CsvColumn column)
    {
        var value = Span(column);
        return value.IsEmpty ? null : value.ToString();
    }

    /// <summary>Like <see cref="Text(CsvColumn)"/>, but repeated values share one string from <paramref name="pool"/>.</summary>
    public string? Text(CsvColumn column, StringPool pool)
    {
        var value = Span(column);
        return value.IsEmpty ? null : pool.Get(value);
    }

    /// <summary>Records a problem with the value in <paramref name="column"/>; the row will be skipped.</summary>
    public void Fail(CsvColumn column, string message) => errors.Add(new RowError(Row, column.Name, Written(column), message));

    /// <summary>The value exactly as written (quotes removed), or empty.</summary>
    public string Written(CsvColumn column) =>
        column.Ordinal >= 0 && column.Ordinal < reader.RowFieldCount ? reader.GetString(column.Ordinal) : string.Empty;

    /// <summary>Lower-case hex SHA-256 of the row's field values as written, joined by a unit separator.</summary>
    /// <remarks>Independent of the delimiter and quoting, so the same row saved with <c>;</c> or <c>,</c> hashes alike.</remarks>
    public string ContentHash()
    {
        var length = 0;
        for (var ordinal = 0; ordinal < reader.RowFieldCount; ordinal++)
        {
            length += Encoding.UTF8.GetMaxByteCount(reader.GetFieldSpan(ordinal).Length) + 1;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = 0;
            for (var ordinal = 0; ordinal < reader.RowFieldCount; ordinal++)
            {
                if (ordinal > 0)
                {
                    buffer[written++] = FieldSeparator;
                }

                written += Encoding.UTF8.GetBytes(reader.GetFieldSpan(ordinal), buffer.AsSpan(written));
            }

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
