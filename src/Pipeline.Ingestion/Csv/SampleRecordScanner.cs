namespace Pipeline.Ingestion.Csv;

/// <summary>Cuts the start of a file into records, quote-aware, counting line breaks and candidate delimiters.</summary>
internal static class SampleRecordScanner
{
    /// <summary>Up to <paramref name="maxRecords"/> complete records; a record cut off by the sample's end is dropped.</summary>
    public static List<SampleRecord> Scan(string sample, bool isComplete, int maxRecords)
    {
        var records = new List<SampleRecord>();
        var position = 0;
        while (position < sample.Length && records.Count < maxRecords)
        {
            var record = ScanRecord(sample, position, out var next, out var terminated);
            if (!terminated && !isComplete && records.Count > 0)
            {
                break;
            }

            records.Add(record);
            position = next;
        }

        return records;
    }

    private static SampleRecord ScanRecord(string sample, int start, out int next, out bool terminated)
    {
        var counts = new int[SampleRecord.Candidates.Length];
        var lineBreaks = 0;
        var inQuotes = false;
        for (var index = start; index < sample.Length; index++)
        {
            var character = sample[index];
            if (character == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (character is '\r' or '\n')
            {
                var width = character == '\r' && index + 1 < sample.Length && sample[index + 1] == '\n' ? 2 : 1;
                lineBreaks++;
                if (!inQuotes)
                {
                    next = index + width;
                    terminated = true;
                    return new SampleRecord(start, index - start, lineBreaks, counts);
                }

                index += width - 1;
            }
            else if (!inQuotes && Array.IndexOf(SampleRecord.Candidates, character) is var slot and >= 0)
            {
                counts[slot]++;
            }
        }

        next = sample.Length;
        terminated = false;
        return new SampleRecord(start, sample.Length - start, lineBreaks, counts);
    }
}
