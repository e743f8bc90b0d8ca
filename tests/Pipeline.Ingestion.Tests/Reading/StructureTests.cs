namespace Pipeline.Ingestion.Tests.Reading;

public sealed class StructureTests
{
    private const string Header = "customer_id,amount,currency,service_start,service_end,interval";

    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData("\t")]
    [InlineData("|")]
    public async Task ParseAsync_Delimiter_SniffedQuoteAware(string delimiter)
    {
        var csv = $"{Header},plan\ncus_1,7,EUR,2025-01-01,,month,\"a,b;c\td|e\"\ncus_2,8,EUR,2025-01-01,,month,\"x,y;z\tw|v\"\n";

        var result = await Parse.TextAsync(csv.Replace(",", delimiter, StringComparison.Ordinal)
            .Replace($"\"a{delimiter}b", "\"a,b", StringComparison.Ordinal).Replace($"\"x{delimiter}y", "\"x,y", StringComparison.Ordinal));

        Assert.Empty(result.Errors);
        Assert.Equal([7m, 8m], result.Lines.Select(line => line.Amount));
        Assert.Equal("a,b;c\td|e", result.Lines[0].Plan);
    }

    [Fact]
    public async Task ParseAsync_ExcelSepLine_NamesDelimiterEvenWhenCommasDominate()
    {
        const string Csv = "sep=;\r\ncustomer_id;amount;currency;service_start;service_end;interval;plan\r\n" +
            "cus_1;1,50;EUR;2025-01-01;;month;a,b,c,d,e,f,g,h\r\n";

        var result = await Parse.TextAsync(Csv);

        var line = Assert.Single(result.Lines);
        Assert.Equal((3L, 1.50m, "a,b,c,d,e,f,g,h"), (line.RowNumber, line.Amount, line.Plan));
    }

    [Fact]
    public async Task ParseAsync_PreambleBeforeUnknownHeader_NeedsMappingNamesRealHeader()
    {
        const string Csv = "Campaign report\n\"January 1, 2025 - January 31, 2025\"\nCampaign,Day,Currency code,Cost\nBrand,2025-01-01,EUR,12.50\n";

        var result = await Parse.TextAsync(Csv);

        Assert.Equal(RefusalCodes.NeedsMapping, result.ReasonCode);
        Assert.StartsWith("needs-mapping: no known export format or mapping profile recognises the header (columns Campaign, Day, " +
            "Currency code, Cost).", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_TrailingEmptyColumns_Ignored()
    {
        const string Csv = $"{Header},,,\ncus_1,1,EUR,2025-01-01,,month,,,\ncus_2,2,EUR,2025-01-01,,month,,,\n,,,,,,,,\n";

        var result = await Parse.TextAsync(Csv);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal(2, result.DataRows);
    }

    [Fact]
    public async Task ParseAsync_DuplicateUnknownColumn_Accepted()
    {
        const string Csv = $"{Header},note,Note\ncus_1,1,EUR,2025-01-01,,month,a,b\n";

        var result = await Parse.TextAsync(Csv);

        Assert.False(result.IsRefused);
        Assert.Single(result.Lines);
    }

    [Fact]
    public async Task ParseAsync_DuplicateKnownColumn_RefusedAsBadHeader()
    {
        const string Csv = $"{Header},Amount\ncus_1,1,EUR,2025-01-01,,month,2\n";

        var result = await Parse.TextAsync(Csv);

        Assert.Equal(RefusalCodes.BadHeader, result.ReasonCode);
        Assert.Contains("Amount more than once", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_ExcelLineFeedInsideCellWithCrLfRecords_KeepsRowNumbers()
    {
        const string Csv = $"{Header},plan\r\ncus_1,1,EUR,2025-01-01,,month,\"Pro\nannual\"\r\ncus_2,x,EUR,2025-01-01,,month,Basic\r\n" +
            "cus_3,3,EUR,2025-01-01,,month,\"a\r\nb\nc\"\r\ncus_4,y,EUR,2025-01-01,,month,Basic\r\n";

        var result = await Parse.TextAsync(Csv);

        Assert.Equal([(2L, "Pro\nannual"), (5L, "a\r\nb\nc")], result.Lines.Select(line => (line.RowNumber, line.Plan!)));
        Assert.Equal([4L, 8L], result.Errors.Select(error => error.Row));
    }

    [Fact]
    public async Task ParseAsync_RowStartingWithHash_IsDataNotAComment()
    {
        const string Csv = $"{Header},plan\n#1001,1,EUR,2025-01-01,,month,a\ncus_2,x,EUR,2025-01-01,,month,b\n";

        var result = await Parse.TextAsync(Csv);

        Assert.Equal((2L, "#1001"), (Assert.Single(result.Lines).RowNumber, result.Lines[0].CustomerId));
        Assert.Equal(3L, Assert.Single(result.Errors).Row);
    }

    [Theory]
    [InlineData("Total,,,,,")]
    [InlineData("Total: Account,3,,,,")]
    [InlineData("\"Totaal\",3,EUR,,,")]
    [InlineData(",Summe,,,,")]
    [InlineData("grand total,,,,,")]
    [InlineData("Eindtotaal,,,,,")]
    [InlineData("ZWISCHENSUMME,,,,,")]
    [InlineData("Sous-total: clients,,,,,")]
    [InlineData("Gesamtsumme,3,,,,")]
    public async Task ParseAsync_TotalsRow_SkippedWithOneWarning(string totals)
    {
        var csv = $"{Header}\ncus_1,1,EUR,2025-01-01,,month\ncus_2,2,EUR,2025-01-01,,month\n{totals}\n";

        var result = await Parse.TextAsync(csv);

        Assert.Empty(result.Errors);
        Assert.Equal((2, 3m), (result.DataRows, result.Lines.Sum(line => line.Amount)));
        Assert.StartsWith("Skipped 1 totals row(s), so their amounts are not counted twice: row 4 ", Assert.Single(result.Warnings),
            StringComparison.Ordinal);
    }
}
