namespace Pipeline.Ingestion.Csv;

/// <summary>What sniffing the start of a file found: the delimiter and where the header is.</summary>
/// <param name="Delimiter">The field delimiter: <c>,</c>, <c>;</c>, tab or <c>|</c>.</param>
/// <param name="HeaderOffset">Characters (after the byte-order mark) before the header: a <c>sep=</c> line, preamble or blank lines.</param>
/// <param name="HeaderRow">The 1-based line number of the header.</param>
/// <param name="FirstDataRow">The 1-based line number just after the header record.</param>
/// <param name="SkippedLines">Non-blank lines before the header other than a <c>sep=</c> line.</param>
internal sealed record CsvLayout(char Delimiter, int HeaderOffset, long HeaderRow, long FirstDataRow, int SkippedLines)
{
    /// <summary>A <c>;</c>-delimited file almost always comes from a locale that writes decimal commas.</summary>
    public bool DecimalCommaByDefault => Delimiter == ';';

    /// <summary>Whether ambiguous numeric dates (<c>03/04/2025</c>) are day first, decided per file from its sample.</summary>
    public bool DayFirst { get; init; } = true;

    /// <summary>True when the sample had numeric dates but none settled day-first against month-first (flagged in the report).</summary>
    public bool DateOrderAmbiguous { get; init; }

    /// <summary>The note for the report when <see cref="DateOrderAmbiguous"/>: an example, how it was read and why.</summary>
    public string? DateOrderWarning { get; init; }
}
