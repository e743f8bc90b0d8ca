namespace Pipeline.Benchmarks;

/// <summary>One line of the ingest table: what one child process measured for one format, size and mode.</summary>
internal sealed record IngestRow(string Format, int Lines, string Mode, IngestMeasurement Result);
