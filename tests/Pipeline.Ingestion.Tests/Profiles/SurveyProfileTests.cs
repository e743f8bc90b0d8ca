using Pipeline.Domain;
using Pipeline.Ingestion.Profiles;

namespace Pipeline.Ingestion.Tests.Profiles;

public sealed class SurveyProfileTests
{
    // A Google Forms export in Dutch: one column per question, the question text as header.
    private const string GoogleForms = """
        "Tijdstempel","Klantnummer","Hoe waarschijnlijk is het dat u ons aanbeveelt aan een collega?","Zou u vandaag opnieuw voor deze oplossing kiezen?","Zou u vandaag opnieuw voor ons als leverancier kiezen?","Toelichting"
        "14-3-2025 10:22:31","cus_1","9","Ja","Ja","Prima service"
        "15-3-2025 08:05:00","cus_2","4","Nee","Misschien",""
        """;

    private static readonly MappingProfile Forms = Profile("""
        {
          "columns": {
            "responded_at": "Tijdstempel", "customer_id": "Klantnummer",
            "score": "Hoe waarschijnlijk is het dat u ons aanbeveelt aan een collega?",
            "same_solution": "Zou u vandaag opnieuw voor deze oplossing kiezen?",
            "same_provider": "Zou u vandaag opnieuw voor ons als leverancier kiezen?",
            "comment": "Toelichting"
          },
          "dateFormat": "d-M-yyyy H:mm:ss", "survey": "nps-2025-q1", "answers": { "Misschien": "unsure" }
        }
        """, "google-forms");

    [Fact]
    public async Task ParseAsync_SurveyToolExport_ReadThroughTheProfile()
    {
        var result = await Parse.TextAsync(GoogleForms, Parse.AmsterdamOptions with { Profiles = [Forms] });

        Assert.Empty(result.Errors);
        Assert.Equal("profile:google-forms", result.Format);
        Assert.Empty(result.Lines);
        SurveyResponse[] expected =
        [
            new()
            {
                CustomerId = "cus_1", RespondedAt = Parse.Utc(2025, 3, 14, 9, 22).AddSeconds(31), Score = 9, SameSolution = SurveyAnswer.Yes,
                SameProvider = SurveyAnswer.Yes, Comment = "Prima service", Survey = "nps-2025-q1", RowNumber = 2,
            },
            new()
            {
                CustomerId = "cus_2", RespondedAt = Parse.Utc(2025, 3, 15, 7, 5), Score = 4, SameSolution = SurveyAnswer.No,
                SameProvider = SurveyAnswer.Unsure, Survey = "nps-2025-q1", RowNumber = 3,
            },
        ];
        Assert.Equal(expected, result.Responses);
    }

    [Fact]
    public async Task ParseAsync_BadScore_RowErrorNamesTheQuestionColumn()
    {
        var csv = GoogleForms.Replace("\"4\"", "\"vier\"", StringComparison.Ordinal);

        var result = await Parse.TextAsync(csv, Parse.AmsterdamOptions with { Profiles = [Forms], MaxBadRowFraction = 1m });

        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "Hoe waarschijnlijk is het dat u ons aanbeveelt aan een collega?", "vier"), (error.Row, error.Column, error.Value));
    }

    [Fact]
    public void Parse_SurveyProfileWithoutResponseTime_NamesTheMissingMapping()
    {
        var result = MappingProfileJson.Parse("""{ "columns": { "customer_id": "Klant", "score": "Score", "amount": "Bedrag" } }""", "bad");

        Assert.Equal(
            ["$.columns.responded_at", "$.columns.amount"],
            result.Problems.Select(problem => problem.Path));
    }

    private static MappingProfile Profile(string json, string name)
    {
        var result = MappingProfileJson.Parse(json, name);
        Assert.Empty(result.Problems);
        return result.Profile!;
    }
}
