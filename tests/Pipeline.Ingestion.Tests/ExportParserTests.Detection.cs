namespace Pipeline.Ingestion.Tests;

public sealed partial class ExportParserTests
{
    [Theory]
    [InlineData("customer_id,amount,currency,service_start,service_end", "canonical-revenue-lines")]
    [InlineData("customer_id,channel,date,amount,currency,service_start,service_end", "canonical-revenue-lines")]
    [InlineData("customer_id,name,channel,campaign", "canonical-customers")]
    [InlineData("customer_id,month,channel", "canonical-customers")]
    [InlineData("month,channel,amount,currency", "canonical-spend")]
    [InlineData("Date,Channel,Amount,Currency,Campaign,Paid", "canonical-spend")]
    [InlineData("date,channel,amount,currency,USD,JPY", "canonical-spend")]
    [InlineData("date,base,quote,rate", "canonical-rates")]
    [InlineData("Date,USD,JPY,BGN,", "ecb-rates")]
    [InlineData("date,usd,gbp", "ecb-rates")]
    public async Task ParseAsync_Header_DetectsFormat(string header, string format)
    {
        var result = await Parse.TextAsync(header + "\n");

        Assert.Equal(format, result.Format);
    }

    [Theory]
    [InlineData("Date,USD")]
    [InlineData("Date,USD,EUR")]
    [InlineData("Date,USD,JPY,amount")]
    [InlineData("Date,Foo,Bar,Baz")]
    [InlineData("channel,amount,currency")]
    public async Task ParseAsync_NearMissHeader_IsNotRecognised(string header)
    {
        var result = await Parse.TextAsync(header + "\n2025-01-31,1,2,3\n");

        Assert.True(result.IsRefused);
        Assert.Null(result.Format);
        Assert.StartsWith("needs-mapping: ", result.FileError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_EcbHistoryAfterPreamble_FindsHeader()
    {
        var result = await Parse.TextAsync("Euro foreign exchange reference rates\nDate,USD,JPY,\n2025-01-31,1.0393,160.98,\n");

        Assert.Equal("ecb-rates", result.Format);
        Assert.Equal(2, result.Rates.Count);
        Assert.Equal(3L, result.Rates[0].RowNumber);
    }
}
