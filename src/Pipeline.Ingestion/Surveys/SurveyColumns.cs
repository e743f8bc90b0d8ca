using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Surveys;

/// <summary>The columns of a file that hold the survey fields (absent ones have ordinal −1 and read as empty).</summary>
internal sealed record SurveyColumns(
    CsvColumn CustomerId, CsvColumn RespondedAt, CsvColumn Score, CsvColumn SameSolution, CsvColumn SameProvider, CsvColumn Comment,
    CsvColumn Survey);
