using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Surveys;

namespace Pipeline.Ingestion.Profiles;

/// <summary>Reads a survey tool's export (one column per question, the question text as header) through a survey profile.</summary>
/// <remarks>
/// The same rows and checks as the canonical survey file (<see cref="SurveyRowReader"/>): the response time in the
/// profile's exact <c>dateFormat</c> in the business time zone, the answers in the canonical words or the profile's own
/// (<see cref="MappingProfile.Answers"/>), and the profile's <c>survey</c> label for rows without a survey column.
/// </remarks>
internal sealed class SurveyProfileCsvReader : IExportRowReader
{
    private readonly SurveyRowReader _rows;

    public SurveyProfileCsvReader(MappingProfile profile, CsvHeader header, ExportParseOptions options)
    {
        CsvColumn Column(string field) => profile.Columns.TryGetValue(field, out var written)
            ? header.Column(HeaderName.Normalise(written))
            : new CsvColumn(-1, field);
        var timeZone = options.BusinessTimeZone;
        var respondedAt = new ProfileDateColumn(Column(MappingProfileFields.RespondedAt), profile.DateFormat);
        var columns = new SurveyColumns(
            Column(MappingProfileFields.CustomerId), respondedAt.Column, Column(MappingProfileFields.Score),
            Column(MappingProfileFields.SameSolution), Column(MappingProfileFields.SameProvider), Column(MappingProfileFields.Comment),
            Column(MappingProfileFields.Survey));
        var words = profile.Answers.Concat(SurveyVocabulary.AnswerWords);
        var expected = profile.Answers.Count == 0
            ? SurveyVocabulary.Answers
            : string.Concat(string.Join(", ", profile.Answers.Keys), " (the profile's answers) or ", SurveyVocabulary.Answers);
        _rows = new SurveyRowReader(
            columns, record => respondedAt.Read(record) is { } local ? ProfileDates.ToInstant(local, timeZone) : null, words, expected, profile.SurveyLabel);
    }

    public IReadOnlyList<SurveyResponse> Responses => _rows.Responses;

    public IReadOnlyList<string> Warnings => _rows.Warnings;

    public void Read(CsvRecord record) => _rows.Read(record);
}
