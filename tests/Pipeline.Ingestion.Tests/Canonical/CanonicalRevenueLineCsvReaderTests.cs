using System.Security.Cryptography;
using System.Text;
using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests.Canonical;

public sealed partial class CanonicalRevenueLineCsvReaderTests
{
    private static readonly CurrencyCode Eur = Parse.Eur;

    [Fact]
    public async Task ParseAsync_CleanFileInAmsterdam_ReadsEveryField()
    {
        var result = await Parse.FixtureAsync("Canonical/Data/revenue-lines.csv");

        Assert.False(result.IsRefused);
        Assert.Equal("canonical-revenue-lines", result.Format);
        Assert.Equal((4, 0), (result.DataRows, result.BadRows));
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        RevenueLine[] expected =
        [
            new()
            {
                LineKey = "il_001", CustomerId = "cus_001", InvoiceId = "in_001", SubscriptionId = "sub_001", Plan = "Pro",
                Product = "Analytics", LineType = LineType.Recurring, Quantity = 1m, Amount = 49.00m, Discount = 4.90m,
                Tax = 10.29m, Currency = Eur, Interval = new BillingInterval(IntervalUnit.Month, 1), IntervalInferred = false,
                ServiceStart = Parse.Utc(2024, 12, 31, 23), ServiceEnd = Parse.Utc(2025, 1, 31, 23),
                IssuedAt = Parse.Utc(2025, 1, 1, 9, 30), DueAt = Parse.Utc(2025, 1, 14, 23), Status = DocumentStatus.Paid,
                RefundedAt = null, RowNumber = 2,
            },
            new()
            {
                LineKey = "il_002", CustomerId = "cus_002", InvoiceId = "in_002", SubscriptionId = "sub_002", Plan = "Enterprise",
                Product = "Analytics", LineType = LineType.Recurring, Quantity = 3m, Amount = 1234.50m, Discount = 0m, Tax = 0m,
                Currency = Eur, Interval = new BillingInterval(IntervalUnit.Year, 1), ServiceStart = Parse.Utc(2025, 1, 14, 23),
                ServiceEnd = Parse.Utc(2026, 1, 14, 23), IssuedAt = Parse.Utc(2025, 1, 15, 9), DueAt = Parse.Utc(2025, 2, 13, 23),
                Status = DocumentStatus.Open, RowNumber = 3,
            },
            new()
            {
                LineKey = "il_003", CustomerId = "cus_001", InvoiceId = "in_003", SubscriptionId = null, Plan = null,
                Product = "Onboarding", LineType = LineType.OneTime, Quantity = 1m, Amount = 250m, Currency = Eur, Interval = null,
                ServiceStart = Parse.Utc(2025, 1, 9, 23), ServiceEnd = Parse.Utc(2025, 1, 10, 23), IssuedAt = Parse.Utc(2025, 1, 9, 23),
                Status = DocumentStatus.Refunded, RefundedAt = Parse.Utc(2025, 1, 19, 23), RowNumber = 4,
            },
            new()
            {
                LineKey = "il_004", CustomerId = "cus_003", InvoiceId = null, SubscriptionId = "sub_003", Plan = "Basic",
                Product = "Analytics", LineType = LineType.Recurring, Quantity = 1m, Amount = 19m, Currency = Eur,
                Interval = BillingInterval.Monthly, ServiceStart = Parse.Utc(2025, 6, 30, 22), ServiceEnd = null,
                Status = DocumentStatus.Paid, RowNumber = 5,
            },
        ];
        Assert.Equal(expected, result.Lines);
        Assert.All(result.Lines.SelectMany(Instants), instant => Assert.Equal(TimeSpan.Zero, instant.Offset));
    }

    [Fact]
    public async Task ParseAsync_ValuesPaddedWithSpacesTabsOrNoBreakSpaces_ReadAsTrimmed()
    {
        // Padding of every kind the trim knows on either side, and printable characters at both ends (read as they are).
        var csv = new RevenueLineCsv()
            .Add(1, ("line_id", " il_0001"), ("customer_id", "\u00A0cus_0001\t"), ("amount", "49.00 "), ("currency", "\u2003EUR"),
                ("service_start", "2025-01-01\u00A0"), ("status", " paid "), ("country", "nl\u3000"))
            .Add(2, ("line_id", "~il_0002~"), ("customer_id", "!cus_0002!"))
            .ToString();

        var result = await Parse.TextAsync(csv, new ExportParseOptions(TimeZoneInfo.Utc));

        Assert.Empty(result.Errors);
        Assert.Equal(["il_0001", "~il_0002~"], result.Lines.Select(line => line.LineKey));
        Assert.Equal(["cus_0001", "!cus_0002!"], result.Lines.Select(line => line.CustomerId));
        Assert.Equal((49.00m, Eur, Parse.Utc(2025, 1, 1), DocumentStatus.Paid),
            (result.Lines[0].Amount, result.Lines[0].Currency, result.Lines[0].ServiceStart, result.Lines[0].Status));
        Assert.Equal("NL", result.Customers.Single(customer => customer.CustomerId == "cus_0001").Country);
    }

    [Fact]
    public async Task ParseAsync_CleanFileInUtc_DatesAreUtcMidnight()
    {
        var result = await Parse.FixtureAsync("Canonical/Data/revenue-lines.csv", new ExportParseOptions(TimeZoneInfo.Utc));

        var first = result.Lines[0];
        Assert.Equal(Parse.Utc(2025, 1, 1), first.ServiceStart);
        Assert.Equal(Parse.Utc(2025, 2, 1), first.ServiceEnd);
        Assert.Equal(Parse.Utc(2025, 1, 15), first.DueAt);
        Assert.Equal(Parse.Utc(2025, 7, 1), result.Lines[3].ServiceStart);
        Assert.All(result.Lines.SelectMany(Instants), instant => Assert.Equal(TimeSpan.Zero, instant.Offset));
    }

    [Fact]
    public async Task ParseAsync_AttributeColumns_GiveOneCustomerRecordPerCustomer()
    {
        var result = await Parse.FixtureAsync("Canonical/Data/revenue-lines.csv");

        CustomerRecord[] expected =
        [
            new() { CustomerId = "cus_001", Name = "Acme B.V.", Country = "NL", Segment = "SMB", Channel = "google_ads", RowNumber = 2 },
            new() { CustomerId = "cus_002", Name = "Globex, Inc.", Country = "US", Segment = "Enterprise", Channel = "referral", RowNumber = 3 },
            new() { CustomerId = "cus_003", Name = "Initech", Country = "DE", Channel = "organic", RowNumber = 5 },
        ];
        Assert.Equal(expected, result.Customers);
    }

    [Fact]
    public async Task ParseAsync_LaterRowOfSameCustomer_UpdatesItsRecord()
    {
        var csv = new RevenueLineCsv().Add(1).Add(2, ("customer_id", "cus_0001"), ("country", "be")).ToString();

        var result = await Parse.TextAsync(csv);

        var customer = Assert.Single(result.Customers);
        Assert.Equal(("cus_0001", "BE", 3L), (customer.CustomerId, customer.Country, customer.RowNumber));
    }

    [Fact]
    public async Task ParseAsync_CustomersInterleaved_RecordsMergeAndBadRowsAddNoRecord()
    {
        var csv = new RevenueLineCsv()
            .Add(1, ("customer_id", "cus_a"), ("country", string.Empty))
            .Add(2, ("customer_id", "cus_b"), ("amount", "lots"), ("country", "DE"))
            .Add(3, ("customer_id", "cus_a"), ("country", "be"))
            .Add(4, ("customer_id", "cus_b"), ("country", string.Empty))
            .Add(5, ("customer_id", "cus_c"), ("country", "FR"))
            .Add(6, ("customer_id", "cus_b"), ("country", "us"))
            .ToString();

        var result = await Parse.TextAsync(csv);

        Assert.Equal((3L, "amount"), (Assert.Single(result.Errors).Row, Assert.Single(result.Errors).Column));
        CustomerRecord[] expected =
        [
            new() { CustomerId = "cus_a", Country = "BE", RowNumber = 4 },
            new() { CustomerId = "cus_c", Country = "FR", RowNumber = 6 },
            new() { CustomerId = "cus_b", Country = "US", RowNumber = 7 },
        ];
        Assert.Equal(expected, result.Customers);
        Assert.Equal(["cus_a", "cus_a", "cus_b", "cus_c", "cus_b"], result.Lines.Select(line => line.CustomerId));
    }

    [Fact]
    public async Task ParseAsync_ConsecutiveLinesOfOneCustomer_ShareOneIdString()
    {
        var csv = new RevenueLineCsv()
            .Add(1, ("customer_id", "cus_a"))
            .Add(2, ("customer_id", "cus_a"))
            .Add(3, ("customer_id", "cus_b"))
            .ToString();

        var result = await Parse.TextAsync(csv);

        Assert.Equal(["cus_a", "cus_a", "cus_b"], result.Lines.Select(line => line.CustomerId));
        Assert.Same(result.Lines[0].CustomerId, result.Lines[1].CustomerId);
    }

    [Fact]
    public async Task ParseAsync_SameAttributesOnEveryLine_KeepRowThatSetThem()
    {
        var csv = new RevenueLineCsv().Add(1).Add(2, ("customer_id", "cus_0001"), ("country", "nl")).ToString();

        var result = await Parse.TextAsync(csv);

        Assert.Equal(new CustomerRecord { CustomerId = "cus_0001", Country = "NL", RowNumber = 2 }, Assert.Single(result.Customers));
        Assert.Equal(2, result.Lines.Count);
    }

    [Theory]
    [InlineData("Canonical/Data/revenue-lines-semicolon.csv", 0)]
    [InlineData("Canonical/Data/revenue-lines-excel-sep.csv", 1)]
    public async Task ParseAsync_SemicolonDecimalCommaAndBom_GivesSameLinesAsCommaFile(string fixture, int rowShift)
    {
        var comma = await Parse.FixtureAsync("Canonical/Data/revenue-lines.csv");

        var result = await Parse.FixtureAsync(fixture);

        Assert.False(result.IsRefused);
        Assert.Empty(result.Errors);
        Assert.Equal(comma.Lines.Select(line => line with { RowNumber = line.RowNumber + rowShift }), result.Lines);
        Assert.Equal(comma.Customers.Select(customer => customer with { RowNumber = customer.RowNumber + rowShift }), result.Customers);
    }

    [Fact]
    public async Task ParseAsync_QuotedDelimitersNewlinesAndBlankRow_ReadsValuesAndKeepsRowNumbers()
    {
        var result = await Parse.FixtureAsync("Canonical/Data/revenue-lines-quoted.csv");

        Assert.Equal(3, result.DataRows);
        Assert.Equal([2L, 3L, 6L], result.Lines.Select(line => line.RowNumber));
        Assert.Equal(["Smith, Jones & Co", "Line one\nline two", "Third"], result.Customers.Select(customer => customer.Name));
        Assert.Equal("Pro \"Plus\"", result.Lines[0].Plan);
        Assert.Equal([49m, 59m, 69m], result.Lines.Select(line => line.Amount));
    }

    [Fact]
    public async Task ParseAsync_NoLineId_KeyIsSha256OfRowValues()
    {
        var first = await Parse.FixtureAsync("Canonical/Data/revenue-lines-quoted.csv");
        var again = await Parse.FixtureAsync("Canonical/Data/revenue-lines-quoted.csv");

        var values = string.Join('\u001F', "cus_1", "Smith, Jones & Co", "49.00", "EUR", "2025-01-01", "2025-02-01", "Pro \"Plus\"");
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(values)));
        Assert.Equal(expected, first.Lines[0].LineKey);
        Assert.Equal(first.Lines.Select(line => line.LineKey), again.Lines.Select(line => line.LineKey));
        Assert.Equal(3, first.Lines.Select(line => line.LineKey).Distinct().Count());
    }

    [Fact]
    public async Task ParseAsync_HeaderInOtherCaseAndSpacing_MatchesColumnsAndReportsNamesAsWritten()
    {
        const string Csv = "\" Customer_ID \",AMOUNT,Currency,Service_Start,SERVICE_END,Notes\ncus_1,abc,EUR,2025-01-01,2025-02-01,x\n";

        var result = await Parse.TextAsync(Csv);

        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, "AMOUNT", "abc"), (error.Row, error.Column, error.Value));
        Assert.Equal(["Ignored columns that canonical-revenue-lines does not use: Notes."], result.Warnings);
    }

    private static IEnumerable<DateTimeOffset> Instants(RevenueLine line) =>
        new[] { line.ServiceStart, line.ServiceEnd, line.IssuedAt, line.DueAt, line.RefundedAt }
            .Where(instant => instant.HasValue)
            .Select(instant => instant!.Value);
}
