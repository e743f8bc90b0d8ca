namespace Pipeline.Ingestion.Tests.Values;

public sealed class DecimalColumnTests
{
    [Theory]
    [InlineData("49.00", "49.00")]
    [InlineData("\"1,234.56\"", "1234.56")]
    [InlineData("\"1,234\"", "1234")]
    [InlineData("\"1,234,567.8\"", "1234567.8")]
    [InlineData("1 234.56", "1234.56")]
    [InlineData("1'234.56", "1234.56")]
    [InlineData("-19.00", "-19.00")]
    [InlineData("(19.00)", "-19.00")]
    [InlineData("+7", "7")]
    [InlineData(".5", "0.5")]
    [InlineData("\"19,5\"", "19.5")]
    public async Task ParseAsync_CommaFileAmount_ParsesInvariantly(string cell, string expected)
    {
        var result = await Parse.TextAsync($"customer_id,amount,currency,service_start,service_end,interval\ncus_1,{cell},EUR,2025-01-01,,month\n");

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(result.Lines).Amount);
    }

    [Fact]
    public async Task ParseAsync_AmountsOfUpToAndOverNineteenDigits_ExactlyAsTheInvariantParserWithTheirScale()
    {
        // Up to 19 digits are made from the digits directly; longer ones go through the parser. Both keep the written
        // scale (49.00 has two decimals), as decimal.Parse does.
        var random = new Random(5);
        var cells = new List<string> { "49.00", "0.000000000000000001", "9999999999999999999", "999999999999999999.9", "12345678901234567890.5", "0.10", "7" };
        for (var index = 0; index < 500; index++)
        {
            var whole = random.NextInt64(0, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture)[..random.Next(1, 19)];
            var fraction = random.Next(3) == 0 ? string.Empty : "." + random.NextInt64(0, long.MaxValue).ToString("D19", System.Globalization.CultureInfo.InvariantCulture)[..random.Next(1, 12)];
            cells.Add(whole + fraction);
        }

        var csv = new System.Text.StringBuilder("customer_id,amount,currency,service_start,service_end,interval\n");
        foreach (var cell in cells)
        {
            csv.Append("cus_1,").Append(cell).Append(",EUR,2025-01-01,,month\n");
        }

        var result = await Parse.TextAsync(csv.ToString());

        Assert.Empty(result.Errors);
        Assert.Equal(
            cells.Select(cell => decimal.GetBits(decimal.Parse(cell, System.Globalization.CultureInfo.InvariantCulture))),
            result.Lines.Select(line => decimal.GetBits(line.Amount)));
    }

    [Theory]
    [InlineData("1.234,56", "1234.56")]
    [InlineData("-19,00", "-19.00")]
    [InlineData("19,00-", "-19.00")]
    [InlineData("1,234", "1.234")]
    [InlineData("1.234", "1234")]
    [InlineData("1.234.567", "1234567")]
    [InlineData("19.99", "19.99")]
    [InlineData("1\u00A0234,56", "1234.56")]
    [InlineData("1\u202F234,56", "1234.56")]
    public async Task ParseAsync_SemicolonFileAmount_UsesDecimalCommaUnlessValueSaysOtherwise(string cell, string expected)
    {
        var result = await Parse.TextAsync($"customer_id;amount;currency;service_start;service_end;interval\ncus_1;{cell};EUR;2025-01-01;;month\n");

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(result.Lines).Amount);
    }

    [Theory]
    [InlineData("12.34.56")]
    [InlineData("1.23,4")]
    [InlineData("EUR 49")]
    [InlineData("--")]
    [InlineData("n/a")]
    [InlineData("1e3")]
    public async Task ParseAsync_NotANumber_IsBadRowWithExpectation(string cell)
    {
        var result = await Parse.TextAsync($"customer_id;amount;currency;service_start;service_end;interval\ncus_1;{cell};EUR;2025-01-01;;month\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, "amount", cell), (error.Row, error.Column, error.Value));
        Assert.Equal($"'{cell}' is not a number: expected an amount in major units such as 1234.56, 1.234,56 or -19,00, " +
            "without a currency symbol.", error.Message);
    }

    [Fact]
    public async Task ParseAsync_ColumnMixesDecimalPointAndComma_LaterConflictingValueIsBad()
    {
        const string Csv = "customer_id;amount;currency;service_start;service_end;interval\n" +
            "cus_1;19.50;EUR;2025-01-01;;month\ncus_2;1.000;EUR;2025-01-01;;month\ncus_3;19,50;EUR;2025-01-01;;month\n";

        var result = await Parse.TextAsync(Csv);

        Assert.Equal([19.50m, 1.000m], result.Lines.Select(line => line.Amount));
        var error = Assert.Single(result.Errors);
        Assert.Equal((4L, "amount", "19,50"), (error.Row, error.Column, error.Value));
        Assert.Contains("decimal comma", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_BadValueLookingLikeThousands_DoesNotSettleSeparator()
    {
        const string Csv = "customer_id,amount,currency,service_start,service_end,interval\n" +
            "cus_1,n.a.,EUR,2025-01-01,,month\ncus_2,19.50,EUR,2025-01-01,,month\n";

        var result = await Parse.TextAsync(Csv);

        Assert.Equal("n.a.", Assert.Single(result.Errors).Value);
        Assert.Equal(19.50m, Assert.Single(result.Lines).Amount);
    }

    [Fact]
    public async Task ParseAsync_SeparatorSettledPerColumn_OtherColumnsKeepFileDefault()
    {
        const string Csv = "customer_id;amount;tax;currency;service_start;service_end;interval\n" +
            "cus_1;19.50;1,234;EUR;2025-01-01;;month\n";

        var result = await Parse.TextAsync(Csv);

        Assert.Equal((19.50m, 1.234m), (result.Lines[0].Amount, result.Lines[0].Tax));
    }
}
