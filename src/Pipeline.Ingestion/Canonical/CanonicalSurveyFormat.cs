using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Canonical;

/// <summary>The canonical survey answers file (EXPORTS.md A5), recognised by <c>customer_id</c> + <c>score</c> + <c>responded_at</c>.</summary>
/// <remarks>
/// It has <c>customer_id</c> and no <c>amount</c>, like a customers file, so it must be tried before that format.
/// <c>comment</c> is free text and may be as long as a description.
/// </remarks>
internal sealed class CanonicalSurveyFormat : IExportFormat
{
    public const string FormatName = "canonical-survey";

    private static readonly string[] Required = [CanonicalColumns.CustomerId, CanonicalColumns.Score, CanonicalColumns.RespondedAt];

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        CanonicalColumns.CustomerId, CanonicalColumns.RespondedAt, CanonicalColumns.Score, CanonicalColumns.SameSolution,
        CanonicalColumns.SameProvider, CanonicalColumns.Comment, CanonicalColumns.Survey,
    };

    public string Name => FormatName;

    public string Expectation => "canonical survey answers (columns customer_id, score and responded_at)";

    public IReadOnlyList<string> RequiredColumns => Required;

    public bool Reads(string normalisedName) => Known.Contains(normalisedName);

    public int MaxLength(string normalisedName) =>
        normalisedName == CanonicalColumns.Comment ? FieldLengthLimits.Description : FieldLengthLimits.For(normalisedName);

    public bool Recognises(CsvHeader header) =>
        header.Has(CanonicalColumns.CustomerId) && header.Has(CanonicalColumns.Score) && header.Has(CanonicalColumns.RespondedAt);

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new CanonicalSurveyCsvReader(header, options);
}
