using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion;

/// <summary>One file format the parser knows: how its header is recognised and how its rows are read.</summary>
/// <remarks>
/// <see cref="ExportParser"/> tries its formats most specific first and takes the first that recognises the header,
/// so a vendor format with a distinctive fingerprint must come before a canonical one it might also match.
/// </remarks>
internal interface IExportFormat
{
    /// <summary>The name reported in <see cref="ExportParseResult.Format"/>, e.g. <c>canonical-revenue-lines</c>.</summary>
    string Name { get; }

    /// <summary>What a file of this format looks like, for the message when no format matches.</summary>
    string Expectation { get; }

    /// <summary>Normalised names of the columns a file must have once recognised.</summary>
    IReadOnlyList<string> RequiredColumns { get; }

    /// <summary>Whether this format reads the column with this normalised name; other columns are ignored with a warning.</summary>
    /// <remarks>A predicate rather than a fixed set, because the ECB layout reads any ISO 4217 code as a column.</remarks>
    bool Reads(string normalisedName);

    bool Recognises(CsvHeader header);

    /// <summary>The most characters a value of the column with this normalised name may have (<see cref="Values.FieldLengthLimits"/>).</summary>
    /// <remarks>By the name's kind; a mapping profile knows which of its columns is free text whatever it is called.</remarks>
    int MaxLength(string normalisedName) => Values.FieldLengthLimits.For(normalisedName);

    /// <summary>The required columns this header lacks, named as the refusal should name them.</summary>
    /// <remarks>By default those of <see cref="RequiredColumns"/>; a format whose columns have synonyms (a localised UI) accepts any of them.</remarks>
    IReadOnlyList<string> MissingColumns(CsvHeader header) => RequiredColumns.Where(column => !header.Has(column)).ToList();

    /// <summary>Why this header was recognised, for the import report (for example the fingerprint columns found).</summary>
    string Evidence(CsvHeader header) =>
        string.Concat("header has ", string.Join(", ", RequiredColumns.Where(header.Has)));

    /// <summary>A reader for the data rows of one file with this header.</summary>
    IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options);
}
