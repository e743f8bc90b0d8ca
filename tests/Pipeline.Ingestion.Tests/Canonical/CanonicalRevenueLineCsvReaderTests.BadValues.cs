namespace Pipeline.Ingestion.Tests.Canonical;

public sealed partial class CanonicalRevenueLineCsvReaderTests
{
    [Theory]
    [InlineData("amount", "12x", "amount")]
    [InlineData("amount", "", "amount")]
    [InlineData("amount", "€49.00", "amount")]
    [InlineData("amount", "1,23,4", "amount")]
    [InlineData("quantity", "two", "quantity")]
    [InlineData("service_start", "31-12-2024", "service_start")]
    [InlineData("service_start", "", "service_start")]
    [InlineData("service_end", "2025/02/01", "service_end")]
    [InlineData("issued_at", "2025-01-05T10:00:00", "issued_at")]
    [InlineData("currency", "EURO", "currency")]
    [InlineData("currency", "", "currency")]
    [InlineData("interval", "fortnight", "interval")]
    [InlineData("interval_count", "0", "interval_count")]
    [InlineData("status", "settled", "status")]
    [InlineData("line_type", "subscription", "line_type")]
    [InlineData("service_end", "2024-12-01", "service_end")]
    [InlineData("service_end", "2025-01-01", "service_end")]
    [InlineData("discount", "-5.00", "discount")]
    [InlineData("status", "refunded", "refunded_at")]
    [InlineData("country", "Netherlands", "country")]
    [InlineData("customer_id", "", "customer_id")]
    public async Task ParseAsync_BadValue_ReportsRowColumnAndValue(string column, string value, string errorColumn)
    {
        var result = await Parse.TextAsync(RevenueLineCsv.OneRow(column, value));

        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, errorColumn), (error.Row, error.Column));
        Assert.Equal(errorColumn == column ? value : string.Empty, error.Value);
        Assert.Equal((1, 1), (result.DataRows, result.BadRows));
        Assert.Empty(result.Lines);
        Assert.Empty(result.Customers);
    }

    [Fact]
    public async Task ParseAsync_BadDate_SaysWhichFormatsAreExpected()
    {
        var result = await Parse.TextAsync(RevenueLineCsv.OneRow("service_start", "01/02/2025"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("'01/02/2025' is not a date: expected a date as yyyy-MM-dd or an ISO 8601 instant such as 2025-01-31T09:30:00Z.",
            error.Message);
    }

    [Fact]
    public async Task ParseAsync_ServiceEndBeforeStart_NamesBothDates()
    {
        var result = await Parse.TextAsync(RevenueLineCsv.OneRow("service_end", "2024-12-01"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("service_end 2024-12-01 is not after service_start 2025-01-01: the service period runs from service_start " +
            "up to, not including, service_end.", error.Message);
    }

    [Fact]
    public async Task ParseAsync_SeveralBadValuesInOneRow_ReportsEachAndCountsOneBadRow()
    {
        var csv = new RevenueLineCsv().Add(1, ("amount", "x"), ("currency", "EURO"), ("status", "settled")).Add(2).ToString();

        var result = await Parse.TextAsync(csv);

        Assert.Equal(["amount", "currency", "status"], result.Errors.Select(error => error.Column).Order(StringComparer.Ordinal));
        Assert.All(result.Errors, error => Assert.Equal(2L, error.Row));
        Assert.Equal((2, 1), (result.DataRows, result.BadRows));
        Assert.Equal("il_0002", Assert.Single(result.Lines).LineKey);
    }

    [Fact]
    public async Task ParseAsync_ForeignCurrency_IsBadRowWithExplanation()
    {
        var options = new ExportParseOptions(Parse.Amsterdam, ReportingCurrency: Parse.Eur);
        var csv = new RevenueLineCsv().Add(1, ("currency", "usd")).Add(2, ("currency", "eur")).ToString();

        var result = await Parse.TextAsync(csv, options);

        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, "currency", "usd"), (error.Row, error.Column, error.Value));
        Assert.Equal("currency USD differs from the reporting currency EUR; exchange rates are not supported yet", error.Message);
        Assert.Equal(Parse.Eur, Assert.Single(result.Lines).Currency);
    }

    [Fact]
    public async Task ParseAsync_NoReportingCurrency_AcceptsAnyCurrency()
    {
        var csv = new RevenueLineCsv().Add(1, ("currency", "USD")).Add(2, ("currency", "JPY")).ToString();

        var result = await Parse.TextAsync(csv);

        Assert.Equal(["USD", "JPY"], result.Lines.Select(line => line.Currency.Code));
    }

    [Fact]
    public async Task ParseAsync_RefundedWithoutRefundDate_AsksForRefundedAt()
    {
        var result = await Parse.TextAsync(RevenueLineCsv.OneRow("status", "refunded"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("status is refunded but refunded_at is empty: fill in the date of the refund.", error.Message);
    }

    [Theory]
    [InlineData("paid", Domain.DocumentStatus.Paid)]
    [InlineData("PAST_DUE", Domain.DocumentStatus.PastDue)]
    [InlineData("uncollectible", Domain.DocumentStatus.Uncollectible)]
    [InlineData("void", Domain.DocumentStatus.Void)]
    [InlineData("Draft", Domain.DocumentStatus.Draft)]
    [InlineData("open", Domain.DocumentStatus.Open)]
    [InlineData("cancelled", Domain.DocumentStatus.Canceled)]
    [InlineData("", Domain.DocumentStatus.Paid)]
    public async Task ParseAsync_StatusWord_MapsToDocumentStatus(string status, Domain.DocumentStatus expected)
    {
        var result = await Parse.TextAsync(RevenueLineCsv.OneRow("status", status));

        Assert.Equal(expected, Assert.Single(result.Lines).Status);
    }

    [Theory]
    [InlineData("one-time", Domain.LineType.OneTime)]
    [InlineData("One_Time", Domain.LineType.OneTime)]
    [InlineData("usage", Domain.LineType.Usage)]
    [InlineData("trial", Domain.LineType.Trial)]
    [InlineData("credit", Domain.LineType.Credit)]
    [InlineData("", Domain.LineType.Recurring)]
    public async Task ParseAsync_LineTypeWord_MapsToLineType(string lineType, Domain.LineType expected)
    {
        var result = await Parse.TextAsync(RevenueLineCsv.OneRow("line_type", lineType));

        Assert.Equal(expected, Assert.Single(result.Lines).LineType);
    }
}
