namespace Pipeline.Ingestion.Csv;

/// <summary>One record found while sniffing: where it is, how many lines it spans, and its delimiter counts.</summary>
/// <param name="Start">Offset of the record's first character in the sample.</param>
/// <param name="Length">Characters in the record, without its line ending.</param>
/// <param name="LineBreaks">Line breaks in the record, including its own line ending.</param>
/// <param name="DelimiterCounts">Occurrences outside quotes of each candidate delimiter, in <see cref="Candidates"/> order.</param>
internal sealed record SampleRecord(int Start, int Length, int LineBreaks, int[] DelimiterCounts)
{
    public static readonly char[] Candidates = [',', ';', '\t', '|'];

    public bool IsBlank(string sample) => sample.AsSpan(Start, Length).IsWhiteSpace();

    public ReadOnlySpan<char> Text(string sample) => sample.AsSpan(Start, Length);
}
