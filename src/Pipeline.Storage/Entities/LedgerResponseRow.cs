using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;
using Pipeline.Domain;

namespace Pipeline.Storage.Entities;

/// <summary>One <see cref="SurveyResponse"/> as a flat Parquet row (snake_case columns).</summary>
/// <remarks>
/// <c>responded_at</c> and <c>imported_at</c> are <c>TIMESTAMP(MICROS, UTC)</c> (the import time is cut to whole
/// microseconds: it only orders against close times); the answers are <c>yes</c>, <c>no</c>, <c>unsure</c> or null.
/// </remarks>
internal sealed class LedgerResponseRow
{
    [JsonPropertyName("customer_id"), ParquetRequired] public string CustomerId { get; set; } = "";

    [JsonPropertyName("survey")] public string? Survey { get; set; }

    [JsonPropertyName("responded_at"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)]
    public DateTime RespondedAt { get; set; }

    [JsonPropertyName("score")] public int Score { get; set; }

    [JsonPropertyName("same_solution")] public string? SameSolution { get; set; }

    [JsonPropertyName("same_provider")] public string? SameProvider { get; set; }

    [JsonPropertyName("comment")] public string? Comment { get; set; }

    [JsonPropertyName("row_number")] public long RowNumber { get; set; }

    [JsonPropertyName("imported_at"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)]
    public DateTime? ImportedAt { get; set; }

    public static LedgerResponseRow From(SurveyResponse response) => new()
    {
        CustomerId = response.CustomerId,
        Survey = response.Survey,
        RespondedAt = LedgerValues.ToUtc(response.RespondedAt, "responded_at", response.RowNumber),
        Score = response.Score,
        SameSolution = Word(response.SameSolution),
        SameProvider = Word(response.SameProvider),
        Comment = response.Comment,
        RowNumber = response.RowNumber,
        ImportedAt = response.ImportedAt is { } imported ? new DateTime(imported.UtcTicks - (imported.UtcTicks % 10), DateTimeKind.Utc) : null,
    };

    public SurveyResponse ToRecord() => new()
    {
        CustomerId = CustomerId,
        Survey = Survey,
        RespondedAt = LedgerValues.FromUtc(RespondedAt),
        Score = Score,
        SameSolution = Answer(SameSolution),
        SameProvider = Answer(SameProvider),
        Comment = Comment,
        RowNumber = RowNumber,
        ImportedAt = LedgerValues.FromUtc(ImportedAt),
    };

    private static string? Word(SurveyAnswer? answer) => answer switch
    {
        SurveyAnswer.Yes => "yes",
        SurveyAnswer.No => "no",
        SurveyAnswer.Unsure => "unsure",
        _ => null,
    };

    private static SurveyAnswer? Answer(string? word) => word switch
    {
        "yes" => SurveyAnswer.Yes,
        "no" => SurveyAnswer.No,
        "unsure" => SurveyAnswer.Unsure,
        null => null,
        _ => throw new InvalidOperationException($"Ledger survey answer '{word}' is not yes, no or unsure."),
    };
}
