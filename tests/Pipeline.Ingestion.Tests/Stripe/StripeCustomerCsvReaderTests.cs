using Pipeline.Domain;
using static Pipeline.Ingestion.Tests.Parse;

namespace Pipeline.Ingestion.Tests.Stripe;

public sealed class StripeCustomerCsvReaderTests
{
    [Fact]
    public async Task ParseAsync_Fixture_CustomersWithMetadataAttributes()
    {
        var result = await FixtureAsync("Fixtures/exports/stripe/customers.csv");

        Assert.Equal(("stripe-customers", 9, 0), (result.Format, result.DataRows, result.BadRows));
        Assert.Equal("Stripe customers fingerprint: header has id, created (utc), email and no amount", result.FormatEvidence);
        Assert.Equal(
            ["google_ads", "meta_ads", "organic", "linkedin_ads", "google_ads", "microsoft_ads", null, "referral", "meta_ads"],
            result.Customers.Select(customer => customer.Channel));
        Assert.Equal(
            new CustomerRecord
            {
                CustomerId = "cus_alpha", Name = "Alpha B.V.", Email = "billing@alpha.example", Country = "NL", Segment = "SMB",
                Channel = "google_ads", Campaign = "spring-search", CreatedAt = Utc(2025, 1, 1, 8, 55), RowNumber = 2,
            },
            result.Customers[0]);
        Assert.Equal(("Gamma SARL", "FR"), (result.Customers[2].Name, result.Customers[2].Country));
        Assert.Equal("finance@beta.example", result.Customers[1].Email);
        Assert.Equal(Utc(2025, 1, 29, 14), result.Customers[7].CreatedAt);
        Assert.Equal(["Ignored columns that stripe-customers does not use: Currency, Balance, Delinquent, Business Vat ID."], result.Warnings);
    }

    [Theory]
    [InlineData("Google Ads", "google_ads")]
    [InlineData("google_ads", "google_ads")]
    [InlineData("META", "meta_ads")]
    [InlineData("Microsoft", "microsoft_ads")]
    [InlineData("Partner", "partner")]
    public async Task ParseAsync_ChannelKeys_Normalised(string written, string expected)
    {
        var result = await TextAsync($"id,Created (UTC),Email,acquisition_channel (metadata)\ncus_1,2025-01-01 00:00,,{written}\n");

        Assert.Equal(expected, Assert.Single(result.Customers).Channel);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task ParseAsync_ChannelColumnWinsOverUtmSource_CampaignFallsBackToUtmCampaign()
    {
        var result = await TextAsync(
            "id,Created (UTC),Email,utm_source (metadata),channel (metadata),campaign (metadata),utm_campaign (metadata)\n" +
            "cus_1,2025-01-01 00:00,,bing,linkedin,,q1\n");

        Assert.Equal(("linkedin_ads", "q1"), (result.Customers[0].Channel, result.Customers[0].Campaign));
    }

    [Fact]
    public async Task ParseAsync_BadValues_RowErrorsNameRowColumnAndValue()
    {
        var result = await TextAsync(
            "id,Created (UTC),Email,Address Country\n" +
            "cus_1,yesterday,,\n" +
            "cus_2,2025-01-01 00:00,nobody,\n" +
            "cus_3,2025-01-01 00:00,,NLD\n" +
            ",2025-01-01 00:00,,\n" +
            "client-5,2025-01-01 00:00,,\n",
            AmsterdamOptions with { MaxBadRowFraction = 1m });

        Assert.Equal([(2L, "Created (UTC)", "yesterday"), (3L, "Email", "nobody"), (4L, "Address Country", "NLD"), (5L, "id", "")],
            result.Errors.Select(error => (error.Row, error.Column, error.Value)));
        Assert.Equal("client-5", Assert.Single(result.Customers).CustomerId);
        Assert.Contains("(first: row 6, 'client-5')", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_CustomersHeaderWithAmount_NotStripeCustomers()
    {
        var result = await TextAsync("id,Created (UTC),Email,Amount\ncus_1,2025-01-01 00:00,,1\n");

        Assert.NotEqual("stripe-customers", result.Format);
    }
}
