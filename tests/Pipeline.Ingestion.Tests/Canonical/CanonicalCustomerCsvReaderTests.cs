using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests.Canonical;

public sealed class CanonicalCustomerCsvReaderTests
{
    [Fact]
    public async Task ParseAsync_CustomersFile_ReadsAndUpdatesRecords()
    {
        var result = await Parse.FixtureAsync("Canonical/Data/customers.csv");

        Assert.False(result.IsRefused);
        Assert.Equal("canonical-customers", result.Format);
        Assert.Equal((3, 0), (result.DataRows, result.BadRows));
        Assert.Empty(result.Lines);
        CustomerRecord[] expected =
        [
            new()
            {
                CustomerId = "cus_001", Name = "Acme B.V.", Email = "billing@acme.nl", Country = "NL", Segment = "Mid-market",
                Channel = "google_ads", Campaign = "spring-2025", CreatedAt = Parse.Utc(2024, 11, 2, 23), RowNumber = 4,
            },
            new()
            {
                CustomerId = "cus_002", Name = "Globex", Email = null, Country = "US", Segment = "Enterprise", Channel = "referral",
                Campaign = null, CreatedAt = Parse.Utc(2024, 12, 1, 8), RowNumber = 3,
            },
        ];
        Assert.Equal(expected, result.Customers);
        Assert.All(result.Customers, customer => Assert.Equal(TimeSpan.Zero, customer.CreatedAt!.Value.Offset));
    }

    [Fact]
    public async Task ParseAsync_OnlyCustomerIds_GivesBareRecords()
    {
        var result = await Parse.TextAsync("Customer_ID\ncus_1\ncus_2\n");

        Assert.Equal("canonical-customers", result.Format);
        Assert.Equal([new CustomerRecord { CustomerId = "cus_1", RowNumber = 2 }, new CustomerRecord { CustomerId = "cus_2", RowNumber = 3 }],
            result.Customers);
    }

    [Fact]
    public async Task ParseAsync_UnknownColumns_IgnoredWithWarning()
    {
        var result = await Parse.TextAsync("customer_id,Phone,name,VAT number\ncus_1,+31 20 123,Acme,NL001\n");

        Assert.Equal(["Ignored columns that canonical-customers does not use: Phone, VAT number."], result.Warnings);
        Assert.Equal("Acme", Assert.Single(result.Customers).Name);
    }

    [Theory]
    [InlineData("email", "finance.acme.nl")]
    [InlineData("email", "@acme.nl")]
    [InlineData("country", "NLD")]
    [InlineData("country", "N1")]
    [InlineData("created_at", "03-11-2024")]
    [InlineData("customer_id", "")]
    public async Task ParseAsync_BadValue_ReportsRowColumnAndValue(string column, string value)
    {
        string[] columns = ["customer_id", "name", "email", "country", "created_at"];
        var cells = new Dictionary<string, string>
        {
            ["customer_id"] = "cus_1", ["name"] = "Acme", ["email"] = "a@acme.nl", ["country"] = "NL", ["created_at"] = "2024-11-03",
        };
        cells[column] = value;
        var csv = string.Join(',', columns) + "\ncus_0,Zero,,,\n" + string.Join(',', columns.Select(name => cells[name])) + "\n";

        var result = await Parse.TextAsync(csv);

        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, column, value), (error.Row, error.Column, error.Value));
        Assert.Equal("cus_0", Assert.Single(result.Customers).CustomerId);
        Assert.Equal((2, 1), (result.DataRows, result.BadRows));
    }

    [Fact]
    public async Task ParseAsync_ReferredBy_ReadsAndLaterRowUpdatesIt()
    {
        var result = await Parse.TextAsync(
            "customer_id,name,referred_by\ncus_1,Acme,\ncus_2,Globex,cus_1\ncus_3,Initech,cus_1\ncus_3,,cus_2\ncus_2,Globex Corp,\n");

        Assert.Equal(
            [("cus_1", null), ("cus_2", "cus_1"), ("cus_3", "cus_2")],
            result.Customers.OrderBy(customer => customer.CustomerId, StringComparer.Ordinal)
                .Select(customer => (customer.CustomerId, customer.ReferredBy)));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task ParseAsync_OnlyReferredBy_GivesARecordWithTheReferrer()
    {
        var result = await Parse.TextAsync("customer_id,Referred_By\ncus_2,cus_1\n");

        Assert.Equal([new CustomerRecord { CustomerId = "cus_2", ReferredBy = "cus_1", RowNumber = 2 }], result.Customers);
    }

    [Fact]
    public async Task ParseAsync_CustomerRefersToItself_ReportsRowError()
    {
        var result = await Parse.TextAsync("customer_id,name,referred_by\ncus_1,Acme,\ncus_2,Globex,cus_2\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "referred_by", "cus_2"), (error.Row, error.Column, error.Value));
        Assert.Equal("cus_1", Assert.Single(result.Customers).CustomerId);
        Assert.Equal((2, 1), (result.DataRows, result.BadRows));
    }

    [Fact]
    public void UpdateOf_LaterRecordWithoutReferrer_KeepsTheEarlierReferrer()
    {
        var earlier = new CustomerRecord { CustomerId = "cus_2", ReferredBy = "cus_1" };

        Assert.Equal("cus_1", new CustomerRecord { CustomerId = "cus_2", Name = "Globex" }.UpdateOf(earlier).ReferredBy);
        Assert.Equal("cus_3", new CustomerRecord { CustomerId = "cus_2", ReferredBy = "cus_3" }.UpdateOf(earlier).ReferredBy);
    }
}
