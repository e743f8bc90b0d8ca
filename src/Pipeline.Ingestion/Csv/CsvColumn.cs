namespace Pipeline.Ingestion.Csv;

/// <summary>Where a known column sits in a file, and the name to report it under.</summary>
/// <param name="Ordinal">The 0-based field index, or -1 when the file has no such column.</param>
/// <param name="Name">The header as written, or the canonical name when the column is absent.</param>
internal readonly record struct CsvColumn(int Ordinal, string Name)
{
    public bool IsPresent => Ordinal >= 0;
}
