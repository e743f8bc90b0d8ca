namespace Pipeline.Ingestion.Csv;

/// <summary>Finds the delimiter and the header row from the first records of a file, quote-aware.</summary>
/// <remarks>
/// The delimiter is the candidate whose count outside quotes is the same on the most records (ties: more fields),
/// unless an Excel <c>sep=</c> line names it. The header is the first of the first ten non-blank records that a
/// known format recognises; when none does, the first of them with at least three text cells (else the first non-blank
/// record), so the refusal can name its columns. The day order of numeric dates is decided from all the sample's records.
/// </remarks>
internal static class CsvLayoutSniffer
{
    private const int MaxRecords = 12;
    private const int MaxHeaderCandidates = 10;
    private const int MaxDateRecords = 5000;

    /// <summary>Characters that numbers, amounts and numeric dates are written with.</summary>
    private static readonly System.Buffers.SearchValues<char> NonText =
        System.Buffers.SearchValues.Create("0123456789.,-+/:()%' \u00A0\t€$£");

    /// <returns>The layout, or null when the sample has no non-blank record.</returns>
    public static CsvLayout? Sniff(string sample, bool isComplete, Func<CsvHeader, bool> recognises)
    {
        var records = SampleRecordScanner.Scan(sample, isComplete, MaxRecords);
        var first = 0;
        char? named = null;
        if (records.Count > 0 && TryReadSepLine(records[0].Text(sample), out var sep))
        {
            named = sep;
            first = 1;
        }

        var candidates = records.Skip(first).Where(record => !record.IsBlank(sample)).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var delimiter = named ?? ChooseDelimiter(candidates);
        var header = candidates.Take(MaxHeaderCandidates)
            .FirstOrDefault(record => recognises(new CsvHeader(SplitCells(record.Text(sample), delimiter))))
            ?? candidates.Take(MaxHeaderCandidates).FirstOrDefault(record => LooksLikeHeader(SplitCells(record.Text(sample), delimiter)))
            ?? candidates[0];
        var headerRow = 1L + records.TakeWhile(record => record != header).Sum(record => record.LineBreaks);
        var skipped = candidates.IndexOf(header);
        var layout = new CsvLayout(delimiter, header.Start, headerRow, headerRow + Math.Max(header.LineBreaks, 1), skipped);
        return DateOrder(sample, isComplete, header, layout);
    }

    /// <summary>Decides the day order of numeric dates from the data records in the sample (all of its first 64 KiB).</summary>
    private static CsvLayout DateOrder(string sample, bool isComplete, SampleRecord header, CsvLayout layout)
    {
        var evidence = new DateOrderEvidence(layout.Delimiter);
        foreach (var record in SampleRecordScanner.Scan(sample, isComplete, MaxDateRecords).Where(record => record.Start > header.Start))
        {
            foreach (var cell in SplitCells(record.Text(sample), layout.Delimiter))
            {
                evidence.Add(cell);
            }
        }

        return evidence.ApplyTo(layout);
    }

    /// <summary>EXPORTS.md C2: a header has at least three cells with text (not numbers or dates); preamble lines rarely do.</summary>
    private static bool LooksLikeHeader(List<string> cells) => cells.Count(cell => cell.AsSpan().ContainsAnyExcept(NonText)) >= 3;

    private static bool TryReadSepLine(ReadOnlySpan<char> line, out char delimiter)
    {
        var trimmed = line.Trim();
        var isSep = trimmed.Length >= 5 && trimmed.StartsWith("sep=", StringComparison.OrdinalIgnoreCase);
        delimiter = isSep ? trimmed[4] : default;
        return isSep;
    }

    private static char ChooseDelimiter(List<SampleRecord> records)
    {
        var best = SampleRecord.Candidates[0];
        (int Frequency, int Count) bestScore = (0, 0);
        for (var index = 0; index < SampleRecord.Candidates.Length; index++)
        {
            foreach (var record in records)
            {
                var count = record.DelimiterCounts[index];
                var frequency = records.Count(other => other.DelimiterCounts[index] == count);
                if (count > 0 && (frequency > bestScore.Frequency || (frequency == bestScore.Frequency && count > bestScore.Count)))
                {
                    best = SampleRecord.Candidates[index];
                    bestScore = (frequency, count);
                }
            }
        }

        return best;
    }

    /// <summary>Splits one record into cells, honouring quotes and doubled quotes.</summary>
    private static List<string> SplitCells(ReadOnlySpan<char> text, char delimiter)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var inQuotes = false;
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (character == '"' && inQuotes && index + 1 < text.Length && text[index + 1] == '"')
            {
                cell.Append('"');
                index++;
            }
            else if (character == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (character == delimiter && !inQuotes)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(character);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
