using System.Globalization;
using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Surveys;

/// <summary>Reads one survey response from a row, whichever file it comes from (the canonical file or a survey tool's through a profile).</summary>
/// <remarks>
/// The score is a whole number from 0 to 10; the choose-again answers are words of <see cref="SurveyVocabulary"/> (or
/// the profile's own), empty meaning not answered. Every value of a row is checked, so all its problems are reported at once.
/// </remarks>
internal sealed class SurveyRowReader
{
    private const string ScoreExpected = "expected a whole number from 0 to 10 (how likely the customer is to recommend you)";

    private readonly CsvColumn _customerId;
    private readonly Func<CsvRecord, DateTimeOffset?> _respondedAt;
    private readonly CsvColumn _respondedAtColumn;
    private readonly CsvColumn _score;
    private readonly WordColumn<SurveyAnswer> _sameSolution;
    private readonly WordColumn<SurveyAnswer> _sameProvider;
    private readonly CsvColumn _comment;
    private readonly CsvColumn _survey;
    private readonly string? _defaultSurvey;
    private readonly StringPool _ids = new();
    private readonly StringPool _labels = new();
    private readonly SurveyResponseSet _responses = new();

    /// <param name="columns">The columns of the fields.</param>
    /// <param name="respondedAt">Reads the response time of a row, reporting a bad value on the record; null when empty or bad.</param>
    /// <param name="answerWords">The words of the choose-again answers.</param>
    /// <param name="answersExpected">The accepted words as a message lists them.</param>
    /// <param name="defaultSurvey">The survey label of rows without one.</param>
    public SurveyRowReader(
        SurveyColumns columns, Func<CsvRecord, DateTimeOffset?> respondedAt, IEnumerable<KeyValuePair<string, SurveyAnswer>> answerWords,
        string answersExpected, string? defaultSurvey)
    {
        ArgumentNullException.ThrowIfNull(columns);
        List<KeyValuePair<string, SurveyAnswer>> words = [.. answerWords];
        (_customerId, _respondedAtColumn, _score, _comment, _survey) =
            (columns.CustomerId, columns.RespondedAt, columns.Score, columns.Comment, columns.Survey);
        _respondedAt = respondedAt;
        _sameSolution = new WordColumn<SurveyAnswer>(columns.SameSolution, words, "an answer", answersExpected);
        _sameProvider = new WordColumn<SurveyAnswer>(columns.SameProvider, words, "an answer", answersExpected);
        _defaultSurvey = defaultSurvey;
    }

    public IReadOnlyList<SurveyResponse> Responses => _responses.Responses;

    public IReadOnlyList<string> Warnings => _responses.Warnings;

    public void Read(CsvRecord record)
    {
        var customerId = record.Text(_customerId, _ids);
        if (customerId is null)
        {
            record.Fail(_customerId, "customer_id is empty: every response needs the id of the customer who gave it.");
        }

        DateTimeOffset? respondedAt = null;
        if (record.Span(_respondedAtColumn).IsEmpty)
        {
            record.Fail(_respondedAtColumn, "responded_at is empty: every response needs the date (or instant) it was given.");
        }
        else
        {
            respondedAt = _respondedAt(record);
        }

        var score = ReadScore(record);
        SurveyAnswer? sameSolution = record.Span(_sameSolution.Column).IsEmpty ? null : _sameSolution.Read(record);
        SurveyAnswer? sameProvider = record.Span(_sameProvider.Column).IsEmpty ? null : _sameProvider.Read(record);
        if (record.HasErrors || customerId is null || respondedAt is null || score is null)
        {
            return;
        }

        _responses.Add(new SurveyResponse
        {
            CustomerId = customerId,
            Survey = record.Text(_survey, _labels) ?? _defaultSurvey,
            RespondedAt = respondedAt.Value,
            Score = score.Value,
            SameSolution = sameSolution,
            SameProvider = sameProvider,
            Comment = record.Text(_comment),
            RowNumber = record.Row,
        });
    }

    private int? ReadScore(CsvRecord record)
    {
        var text = record.Span(_score);
        if (text.IsEmpty)
        {
            record.Fail(_score, "score is empty: every response needs its 0–10 score (" + ScoreExpected + ").");
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score <= 10)
        {
            return score;
        }

        record.Fail(_score, string.Concat("'", record.Written(_score), "' is not a score: ", ScoreExpected, "."));
        return null;
    }
}
