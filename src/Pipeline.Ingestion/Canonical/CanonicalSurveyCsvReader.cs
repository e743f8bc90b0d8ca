using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Surveys;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Canonical;

/// <summary>Reads the rows of a canonical survey answers file (EXPORTS.md A5) into survey responses.</summary>
/// <remarks>
/// <c>responded_at</c> is <c>yyyy-MM-dd</c> (00:00 in the business time zone) or an ISO 8601 instant. A later row with the
/// same customer, survey and response time replaces the earlier one, with one warning.
/// </remarks>
internal sealed class CanonicalSurveyCsvReader : IExportRowReader
{
    private readonly SurveyRowReader _rows;

    public CanonicalSurveyCsvReader(CsvHeader header, ExportParseOptions options)
    {
        var respondedAt = new InstantColumn(header.Column(CanonicalColumns.RespondedAt), options.BusinessTimeZone);
        var columns = new SurveyColumns(
            header.Column(CanonicalColumns.CustomerId), respondedAt.Column, header.Column(CanonicalColumns.Score),
            header.Column(CanonicalColumns.SameSolution), header.Column(CanonicalColumns.SameProvider),
            header.Column(CanonicalColumns.Comment), header.Column(CanonicalColumns.Survey));
        _rows = new SurveyRowReader(columns, respondedAt.Read, SurveyVocabulary.AnswerWords, SurveyVocabulary.Answers, defaultSurvey: null);
    }

    public IReadOnlyList<SurveyResponse> Responses => _rows.Responses;

    public IReadOnlyList<string> Warnings => _rows.Warnings;

    public void Read(CsvRecord record) => _rows.Read(record);
}
