namespace Pipeline.Ingestion;

/// <summary>One problem with one row of a file: where it is, what it says, and what was expected.</summary>
/// <param name="Row">The 1-based line number in the file where the record starts (the header is row 1).</param>
/// <param name="Column">The column name as written in the file's header.</param>
/// <param name="Value">The offending value as written (empty when missing).</param>
/// <param name="Message">What was expected, phrased so a finance user can fix the file.</param>
public sealed record RowError(long Row, string Column, string Value, string Message);
