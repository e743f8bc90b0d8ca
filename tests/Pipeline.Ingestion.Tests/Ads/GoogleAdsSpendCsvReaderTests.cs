namespace Pipeline.Ingestion.Tests.Ads;

public sealed class GoogleAdsSpendCsvReaderTests
{
    private const string Fixture = "Fixtures/exports/ads/google-ads.csv";

    [Fact]
    public async Task ParseAsync_Utf16TabFileWithPreambleAndTotals_DailySpendPerCampaign()
    {
        var result = await Parse.FixtureAsync(Fixture);

        Assert.Equal(("google-ads", false), (result.Format, result.IsRefused));
        Assert.Empty(result.Errors);
        Assert.Equal(
            ["2025-01-05|Brand NL|120.50|EUR", "2025-01-20|Brand NL|79.50|EUR", "2025-01-20|Generic|100.00|EUR",
                "2025-02-10|Brand NL|1300.00|EUR", "2025-02-20|Brand NL|0|EUR", "2025-03-03|Generic|400.00|EUR"],
            AdSpend.Rows(result));
        Assert.Equal(["2025-01=300.00", "2025-02=1300.00", "2025-03=400.00"], AdSpend.PerMonth(result));
        Assert.All(result.Spend, spend => Assert.True(spend.Paid && spend.Channel == "google_ads"));
        Assert.Equal((7, 0), (result.DataRows, result.BadRows));
        Assert.Contains("Skipped 2 line(s) before the header row.", result.Warnings);
        Assert.Contains(result.Warnings, warning => warning.StartsWith("Skipped 2 totals row(s)", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, warning => warning.StartsWith("Added up 1 row(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_DutchUiHeadersWithDecimalCommas_ReadAsSynonyms()
    {
        var result = await Parse.TextAsync(
            "Campagnerapport\n1 januari 2025 - 31 januari 2025\nCampagne;Dag;Valutacode;Kosten;Vert.;Klikken\n" +
            "Merk;2025-01-02;EUR;1.234,56;100;3\nMerk;2025-01-02;EUR;€ 59,29;80;2\nAlgemeen;2025-01-03;EUR;10,5;9;1\nTotaal: account;;EUR;1.304,35;189;6\n");

        Assert.Equal("google-ads", result.Format);
        Assert.Empty(result.Errors);
        Assert.Equal(["2025-01-02|Merk|1293.85|EUR", "2025-01-03|Algemeen|10.5|EUR"], AdSpend.Rows(result));
    }

    [Fact]
    public async Task ParseAsync_DollarAmountsAndOtherTotalsRows_TotalsSkippedWithoutErrors()
    {
        var result = await Parse.TextAsync(
            "Account Level - Daily Report\nPeriod\nAccount name,Customer ID,Campaign,Day,Currency code,Cost,Clicks\n" +
            "Acme,123-456-7890,Brand,2025-02-01,USD,$174.59,12\nTotal - Search campaigns,--,--,--,USD,$174.59,12\n" +
            "Totals for all campaigns,,,,USD,$174.59,12\n");

        Assert.Empty(result.Errors);
        Assert.Equal(["2025-02-01|Brand|174.59|USD"], AdSpend.Rows(result));
        Assert.Contains(result.Warnings, warning => warning.StartsWith("Skipped 2 summary row(s)", StringComparison.Ordinal)
            && warning.Contains("row 5 ('Total - Search campaigns') and others", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_ChartDatesAndExcelSerials_ReadAsDays()
    {
        var result = await Parse.TextAsync(
            "Campaign,Day,Currency code,Cost,Impr.\nA,\"Sat, Nov 1, 2025\",EUR,1.00,1\nA,\"January 29, 2024\",EUR,2.00,1\nA,45658,EUR,3.00,1\n");

        Assert.Empty(result.Errors);
        Assert.Equal(["2025-11-01|A|1.00|EUR", "2024-01-29|A|2.00|EUR", "2025-01-01|A|3.00|EUR"], AdSpend.Rows(result));
    }

    [Fact]
    public async Task ParseAsync_OnlyCampaignIdsInScientificNotation_KeptAsWrittenWithOneWarning()
    {
        var result = await Parse.TextAsync(
            "Campaign ID,Day,Currency code,Cost,Clicks\n2.08471E+10,2025-01-02,EUR,5.00,1\n2.08471E+10,2025-01-03,EUR,6.00,1\n20847100003,2025-01-03,EUR,7.00,1\n");

        Assert.Equal(["2025-01-02|2.08471E+10|5.00|EUR", "2025-01-03|2.08471E+10|6.00|EUR", "2025-01-03|20847100003|7.00|EUR"], AdSpend.Rows(result));
        Assert.Single(result.Warnings, warning => warning.StartsWith("Campaign ids such as '2.08471E+10' are in scientific notation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_NoDayColumn_RefusedSayingToSegmentByDay()
    {
        var result = await Parse.TextAsync("Campaign,Currency code,Cost,Clicks\nBrand,EUR,5.00,1\n");

        Assert.True(result.IsRefused);
        Assert.Equal("google-ads", result.Format);
        Assert.Contains("missing required column Day (or Date, Dag: download the report segmented by day", result.FileError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cost", "abc", "'abc' is not a number: expected an amount such as 174.59, 1.234,56 or $174.59.")]
    [InlineData("Cost", "-5.00", "'-5.00' is a negative amount: spend is zero or more.")]
    [InlineData("Cost", "USD 5.00", "'USD 5.00' is in USD, but the row's currency is EUR: give the amount in the row's currency.")]
    [InlineData("Day", "2025-02-30", "'2025-02-30' is not a date: expected a date such as 2025-01-31, 31-01-2025, 31.01.2025, 31/01/2025, Jan 31, 2025, " +
        "31 Jan 2025, an Excel serial number such as 45688, or an ISO 8601 instant such as 2025-01-31T09:30:00Z.")]
    [InlineData("Day", "", "Day is empty: every row needs the day of its cost; download the report segmented by day.")]
    [InlineData("Currency code", "EURO", "'EURO' is not an ISO 4217 currency code: expected a code such as EUR, USD or GBP.")]
    public async Task ParseAsync_BadValue_RowErrorNamesRowColumnValueAndExpectation(string column, string value, string message)
    {
        var cells = new Dictionary<string, string> { ["Campaign"] = "Brand", ["Day"] = "2025-01-02", ["Currency code"] = "EUR", ["Cost"] = "5.00" };
        cells[column] = value;
        var result = await Parse.TextAsync(
            "Campaign,Day,Currency code,Cost,Clicks\nBrand,2025-01-01,EUR,1.00,1\n" + string.Join(',', cells.Values) + ",1\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, column, value, message), (error.Row, error.Column, error.Value, error.Message));
        Assert.Equal(["2025-01-01|Brand|1.00|EUR"], AdSpend.Rows(result));
    }

    [Fact]
    public async Task ParseAsync_SameDayAndCampaignInTwoCurrencies_SecondRowRefused()
    {
        var result = await Parse.TextAsync(
            "Campaign,Day,Currency code,Cost,Clicks\nBrand,2025-01-02,EUR,5.00,1\nBrand,2025-01-02,USD,6.00,1\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "Cost"), (error.Row, error.Column));
        Assert.StartsWith("this row is in USD, but row 2 with the same day and campaign is in EUR", error.Message, StringComparison.Ordinal);
        Assert.Equal(["2025-01-02|Brand|5.00|EUR"], AdSpend.Rows(result));
    }
}
