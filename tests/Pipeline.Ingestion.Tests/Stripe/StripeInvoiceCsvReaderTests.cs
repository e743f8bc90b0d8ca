using Pipeline.Domain;
using static Pipeline.Ingestion.Tests.Parse;

namespace Pipeline.Ingestion.Tests.Stripe;

public sealed class StripeInvoiceCsvReaderTests
{
    private const string Header = "id,Number,Customer,Customer Name,Customer Email,Subscription,Status,Currency,Total,Amount Due,Date (UTC),Due Date (UTC),Voided At (UTC),Marked Uncollectible At (UTC),Customer Address Country\n";

    [Fact]
    public async Task ParseAsync_Fixture_DocumentsAndCustomers()
    {
        var result = await FixtureAsync("Fixtures/exports/stripe/invoices.csv");

        Assert.Equal(("stripe-invoices", 6, 0), (result.Format, result.DataRows, result.BadRows));
        Assert.Equal("Stripe invoices fingerprint: header has amount due, date (utc), number, finalized at (utc)", result.FormatEvidence);
        Assert.Empty(result.Lines);
        Assert.Equal(6, result.Documents.Count);
        Assert.Equal(
            new InvoiceDocument
            {
                InvoiceId = "in_5ZetaFeb", Number = "ZETA-0001", CustomerId = "cus_zeta", SubscriptionId = "sub_6SeatsZeta",
                Status = DocumentStatus.Void, IssuedAt = Utc(2025, 2, 1), DueAt = Utc(2025, 2, 15), StatusChangedAt = Utc(2025, 2, 3, 10),
                Currency = CurrencyCode.Parse("USD"), Total = 100m, RowNumber = 6,
            },
            result.Documents[4]);
        Assert.Equal(
            [DocumentStatus.Paid, DocumentStatus.Paid, DocumentStatus.Paid, DocumentStatus.Paid, DocumentStatus.Void, DocumentStatus.Paid],
            result.Documents.Select(document => document.Status));
        Assert.Equal((59.29m, Utc(2025, 1, 1, 9)), (result.Documents[0].Total!.Value, result.Documents[0].IssuedAt!.Value));
        Assert.Null(result.Documents[0].StatusChangedAt);
        // Row 4 repeats cus_alpha's values from row 2: the record keeps the row that first stated them.
        Assert.Equal(
            [
                new CustomerRecord { CustomerId = "cus_alpha", Name = "Alpha B.V.", Email = "billing@alpha.example", Country = "NL", RowNumber = 2 },
                new CustomerRecord { CustomerId = "cus_eta", Name = "Eta Oy", Email = "eta@eta.example", Country = "FI", RowNumber = 5 },
                new CustomerRecord { CustomerId = "cus_zeta", Name = "Zeta Inc.", Email = "ap@zeta.example", Country = "US", RowNumber = 6 },
                new CustomerRecord { CustomerId = "cus_beta", Name = "Beta GmbH", Email = "finance@beta.example", Country = "DE", RowNumber = 7 },
            ],
            result.Customers);
        Assert.Equal(
            ["Ignored columns that stripe-invoices does not use: Billing, Amount Paid, Subtotal, Total Discount Amount, Tax, Paid At (UTC), Paid."],
            result.Warnings);
    }

    [Theory]
    [InlineData("draft", DocumentStatus.Draft)]
    [InlineData("open", DocumentStatus.Open)]
    [InlineData("paid", DocumentStatus.Paid)]
    [InlineData("Uncollectible", DocumentStatus.Uncollectible)]
    [InlineData("void", DocumentStatus.Void)]
    public async Task ParseAsync_Status_MappedToDocumentStatus(string status, DocumentStatus expected)
    {
        var result = await TextAsync(Header + $"in_1,,cus_1,,,,{status},eur,\"59,29\",0,2025-01-01 00:00,,2025-01-05 00:00,2025-01-06 00:00,\n");

        var document = Assert.Single(result.Documents);
        Assert.Equal((expected, 59.29m), (document.Status, document.Total!.Value));
        var changedAt = expected switch
        {
            DocumentStatus.Void => Utc(2025, 1, 5),
            DocumentStatus.Uncollectible => Utc(2025, 1, 6),
            _ => (DateTimeOffset?)null,
        };
        Assert.Equal(changedAt, document.StatusChangedAt);
    }

    [Fact]
    public async Task ParseAsync_BadValues_RowErrorsNameRowColumnAndValue()
    {
        var result = await TextAsync(Header +
            "in_1,,cus_1,,,,refunded,eur,10,0,2025-01-01 00:00,,,,\n" +
            "in_2,,cus_1,,,,paid,eur,ten,0,2025-01-01 00:00,,,,\n" +
            "in_3,,cus_1,,,,paid,eur,10,0,,,,,\n" +
            "in_4,,cus_1,,,,paid,eur,10,0,2025-01-01 00:00,,,,Netherlands\n" +
            ",,cus_1,,,,paid,eur,10,0,2025-01-01 00:00,,,,\n" +
            "in_6,,cus_1,,,,paid,euro,10,0,2025-01-01 00:00,,,,\n",
            AmsterdamOptions with { MaxBadRowFraction = 1m });

        Assert.Empty(result.Documents);
        Assert.Equal(
            [(2L, "Status", "refunded"), (3L, "Total", "ten"), (4L, "Date (UTC)", ""), (5L, "Customer Address Country", "Netherlands"), (6L, "id", ""), (7L, "Currency", "euro")],
            result.Errors.Select(error => (error.Row, error.Column, error.Value)));
        Assert.Contains("expected draft, open, paid, uncollectible or void", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_FinalizedAtWithoutNumber_RecognisedAndIdPrefixChecked()
    {
        var result = await TextAsync("id,Status,Amount Due,Date (UTC),Finalized At (UTC)\ninv-7,paid,10,2025-01-01 00:00,\n");

        Assert.Equal("stripe-invoices", result.Format);
        Assert.Equal(
            ["1 row(s) have an id that does not start with in_, as Stripe invoice ids do (first: row 2, 'inv-7'); check that this is a Stripe invoice export."],
            result.Warnings);
    }
}
