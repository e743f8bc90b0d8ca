using Pipeline.Api.Http;

namespace Pipeline.Api.Tests.Http;

/// <summary>The CSV writer on its own: cells a spreadsheet must not misread.</summary>
public sealed class TabularResultsTests
{
    [Fact]
    public void ToCsv_NoRows_IsTheHeaderOfTheJsonNames()
    {
        var csv = TabularResults.ToCsv<Row>([]);

        Assert.Equal("text,amount,at\r\n", csv);
    }

    [Fact]
    public void ToCsv_TextALeadingTabOrCarriageReturnWouldHide_IsPrefixedAndQuotedWhereNeeded()
    {
        Row[] rows = [new("\tcmd", 1m, null), new("\r=1+2", 2m, null), new("two\nlines", 3m, null), new("say \"hi\"", 4m, null)];

        var csv = TabularResults.ToCsv(rows);

        Assert.Equal(
            "text,amount,at\r\n'\tcmd,1,\r\n\"'\r=1+2\",2,\r\n\"two\nlines\",3,\r\n\"say \"\"hi\"\"\",4,\r\n",
            csv);
    }

    [Fact]
    public void ToCsv_ListMarkedCsvColumns_SpreadOverNumberedColumnsEmptyPastItsEnd()
    {
        Spread[] rows = [new("a", [0.5m, 0.25m]), new("b", [])];

        var csv = TabularResults.ToCsv(rows);

        Assert.Equal("name,rate1,rate2,rate3\r\na,0.5,0.25,\r\nb,,,\r\n", csv);
    }

    [Theory]
    [InlineData("Acme;=1+1", "\"Acme;'=1+1\"")]
    [InlineData("Acme,=HYPERLINK(\"x\")", "\"Acme,'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("@SUM(A1);-2", "\"'@SUM(A1);'-2\"")]
    [InlineData("plain text - with dash", "plain text - with dash")]
    public void ToCsv_FormulaAfterEitherListSeparator_NeutralisedAndQuoted(string text, string expected)
    {
        // An nl-NL or de-DE Excel splits on ';': "Acme;=1+1" unquoted would make a formula cell there.
        var csv = TabularResults.ToCsv<Row>([new(text, 1m, null)]);

        Assert.Equal($"text,amount,at\r\n{expected},1,\r\n", csv);
    }

    [Fact]
    public void ToCsv_Boolean_LowerCaseAsInTheJson()
    {
        var csv = TabularResults.ToCsv<Flag>([new(true), new(false)]);

        Assert.Equal("late\r\ntrue\r\nfalse\r\n", csv);
    }

    [Fact]
    public void ToCsv_NegativeNumber_StaysANumber()
    {
        var csv = TabularResults.ToCsv<Row>([new(null, -12.50m, null)]);

        Assert.Equal("text,amount,at\r\n,-12.50,\r\n", csv);
    }

    [Fact]
    public void ToCsv_InstantWithAnOffset_IsWrittenAsTheSameInstantInUtc()
    {
        var csv = TabularResults.ToCsv<Row>([new("x", 0m, new DateTimeOffset(2025, 4, 1, 10, 0, 0, TimeSpan.FromHours(2)))]);

        Assert.Equal("text,amount,at\r\nx,0,2025-04-01T08:00:00.000Z\r\n", csv);
    }

    private sealed record Row(string? Text, decimal Amount, DateTimeOffset? At);

    private sealed record Flag(bool Late);

    private sealed record Spread(string Name, [property: CsvColumns(3)] IReadOnlyList<decimal> Rate);
}
