using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests.Canonical;

public sealed class CanonicalSurveyCsvReaderTests
{
    [Fact]
    public async Task ParseAsync_SurveyFile_ReadsEveryFieldAndTheDutchAndBooleanAnswers()
    {
        const string csv = """
            customer_id,responded_at,score,same_solution,same_provider,comment,survey
            cus_1,2025-03-14,9,yes,ja,"Fijn, snel",nps-2025
            cus_2,2025-03-15T10:30:00Z,6,nee,weet niet,,nps-2025
            cus_3,2025-03-16,10,TRUE,false,,
            cus_4,2025-03-17,0,,,,
            """;

        var result = await Parse.TextAsync(csv);

        Assert.False(result.IsRefused);
        Assert.Equal("canonical-survey", result.Format);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Customers);
        SurveyResponse[] expected =
        [
            new() { CustomerId = "cus_1", RespondedAt = Local(2025, 3, 14), Score = 9, SameSolution = SurveyAnswer.Yes, SameProvider = SurveyAnswer.Yes, Comment = "Fijn, snel", Survey = "nps-2025", RowNumber = 2 },
            new() { CustomerId = "cus_2", RespondedAt = Parse.Utc(2025, 3, 15, 10, 30), Score = 6, SameSolution = SurveyAnswer.No, SameProvider = SurveyAnswer.Unsure, Survey = "nps-2025", RowNumber = 3 },
            new() { CustomerId = "cus_3", RespondedAt = Local(2025, 3, 16), Score = 10, SameSolution = SurveyAnswer.Yes, SameProvider = SurveyAnswer.No, RowNumber = 4 },
            new() { CustomerId = "cus_4", RespondedAt = Local(2025, 3, 17), Score = 0, RowNumber = 5 },
        ];
        Assert.Equal(expected, result.Responses);
    }

    [Fact]
    public async Task ParseAsync_BadValues_RowErrorsNameRowColumnValueAndExpectation()
    {
        const string csv = """
            customer_id,responded_at,score,same_solution,same_provider
            cus_1,2025-03-14,11,yes,yes
            cus_2,14-03-2025,8,yes,yes
            cus_3,2025-03-14,8,misschien,yes
            ,2025-03-14,,yes,yes
            cus_5,2025-03-14,7.5,yes,yes
            cus_6,2025-03-14,8,yes,yes
            """;

        var result = await Parse.TextAsync(csv, Parse.AmsterdamOptions with { MaxBadRowFraction = 1m });

        Assert.Equal(
            [(2L, "score", "11"), (3, "responded_at", "14-03-2025"), (4, "same_solution", "misschien"), (5, "customer_id", ""), (5, "score", ""), (6, "score", "7.5")],
            result.Errors.Select(error => (error.Row, error.Column, error.Value)));
        Assert.Contains("whole number from 0 to 10", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("yes, no or unsure", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Equal(["cus_6"], result.Responses.Select(response => response.CustomerId));
    }

    [Fact]
    public async Task ParseAsync_TooManyBadRows_FileIsRefused()
    {
        const string csv = """
            customer_id,responded_at,score
            cus_1,2025-03-14,11
            cus_2,2025-03-14,8
            """;

        var result = await Parse.TextAsync(csv);

        Assert.True(result.IsRefused);
        Assert.Equal(RefusalCodes.TooManyBadRows, result.ReasonCode);
    }

    [Fact]
    public async Task ParseAsync_SameKeyTwice_LastRowWinsWithAWarning()
    {
        const string csv = """
            customer_id;responded_at;score;survey
            cus_1;2025-03-14;3;q1
            cus_1;2025-03-14;4;q2
            cus_1;2025-03-14;9;q1
            """;

        var result = await Parse.TextAsync(csv);

        Assert.Equal([(9, "q1"), (4, "q2")], result.Responses.Select(response => (response.Score, response.Survey!)));
        Assert.Contains(result.Warnings, warning => warning.Contains("last row of each wins", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_CustomerIdWithoutScore_IsStillACustomersFile()
    {
        var result = await Parse.TextAsync("customer_id,name\ncus_1,Acme\n");

        Assert.Equal("canonical-customers", result.Format);
    }

    private static DateTimeOffset Local(int year, int month, int day) => BillingMonth.StartOfDay(new DateOnly(year, month, day), Parse.Amsterdam);
}
