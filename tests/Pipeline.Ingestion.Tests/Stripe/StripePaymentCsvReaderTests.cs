using Pipeline.Domain;
using static Pipeline.Ingestion.Tests.Parse;

namespace Pipeline.Ingestion.Tests.Stripe;

public sealed class StripePaymentCsvReaderTests
{
    private const string Header = "id,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Status,Customer ID,Customer Description,Customer Email,Captured,Invoice ID\n";

    [Fact]
    public async Task ParseAsync_Fixture_PaymentsRefundsAndFailures()
    {
        var result = await FixtureAsync("Fixtures/exports/stripe/payments.csv");

        Assert.Equal(("stripe-payments", 6, 0), (result.Format, result.DataRows, result.BadRows));
        Assert.Equal("Stripe payments fingerprint: header has amount refunded, converted amount, captured", result.FormatEvidence);
        Assert.Equal(
            [
                ("ch_1AlphaJan", MoneyMovementType.Payment, 59.29m), ("ch_2AlphaFeb", MoneyMovementType.Payment, 59.29m),
                ("ch_3AlphaMar", MoneyMovementType.Payment, 59.29m), ("ch_3AlphaMar:refund", MoneyMovementType.Refund, -10m),
                ("ch_4EtaFeb", MoneyMovementType.Payment, 60m), ("ch_4EtaFeb:refund", MoneyMovementType.Refund, -60m),
                ("ch_5BetaJan", MoneyMovementType.Payment, 1428m), ("py_6ZetaFeb", MoneyMovementType.FailedPayment, 100m),
            ],
            result.Movements.Select(movement => (movement.MovementKey, movement.Type, movement.Amount)));
        Assert.Equal(
            new MoneyMovement
            {
                MovementKey = "ch_4EtaFeb:refund", Type = MoneyMovementType.Refund, CustomerId = "cus_eta", InvoiceId = "in_4EtaFeb",
                RelatedMovementKey = "ch_4EtaFeb", Amount = -60m, Currency = CurrencyCode.Parse("EUR"), OccurredAt = Utc(2025, 2, 1, 0, 4),
                TimingEstimated = true, Status = "Refunded", IsFullRefund = true, RowNumber = 5,
            },
            result.Movements[5]);
        Assert.False(result.Movements[3].IsFullRefund);
        Assert.All(result.Movements.Where(movement => movement.Type != MoneyMovementType.Refund), movement => Assert.False(movement.TimingEstimated));
        // Row 4 repeats cus_alpha's values from row 2: the record keeps the row that first stated them.
        Assert.Equal(
            [
                new CustomerRecord { CustomerId = "cus_alpha", Name = "Alpha B.V.", Email = "billing@alpha.example", RowNumber = 2 },
                new CustomerRecord { CustomerId = "cus_eta", Name = "Eta Oy", Email = "eta@eta.example", RowNumber = 5 },
                new CustomerRecord { CustomerId = "cus_beta", Name = "Beta GmbH", Email = "finance@beta.example", RowNumber = 6 },
                new CustomerRecord { CustomerId = "cus_zeta", Name = "Zeta Inc.", Email = "ap@zeta.example", RowNumber = 7 },
            ],
            result.Customers);
    }

    [Fact]
    public async Task ParseAsync_OlderHeaderWithCreatedAndSucceeded_Read()
    {
        var result = await TextAsync(
            "id,Description,Created,Amount,Amount Refunded,Currency,Converted Amount,Converted Amount Refunded,Fee,Converted Currency,Mode,Status,Captured,Card Type\n" +
            "ch_1,,2014-02-03 01:47,19.00,0.00,usd,19.00,0.00,0.85,usd,Live,succeeded,true,Visa\n" +
            "ch_2,,2014-02-04 02:00,19.00,0.00,usd,19.00,0.00,0.85,usd,Live,Pending,false,Visa\n");

        var movement = Assert.Single(result.Movements);
        Assert.Equal((MoneyMovementType.Payment, 19m, Utc(2014, 2, 3, 1, 47), "USD"), (movement.Type, movement.Amount, movement.OccurredAt, movement.Currency.Code));
        Assert.Contains("1 pending, canceled or blocked charge(s) moved no money and were left out.", result.Warnings);
    }

    [Fact]
    public async Task ParseAsync_BadValues_RowErrorsNameRowColumnAndValue()
    {
        var result = await TextAsync(Header +
            "ch_1,2025-01-01 00:00,abc,0,eur,0,Paid,cus_1,,,true,\n" +
            "ch_2,2025-01-01 00:00,10,20,eur,0,Paid,cus_1,,,true,\n" +
            "ch_3,,10,0,eur,0,Paid,cus_1,,,true,\n" +
            "ch_4,2025-01-01 00:00,10,0,eur,0,Disputed,cus_1,,,true,\n" +
            "ch_5,2025-01-01 00:00,10,0,,0,Paid,cus_1,,,true,\n" +
            "ch_6,2025-01-01 00:00,-10,0,eur,0,Paid,cus_1,,,true,\n",
            AmsterdamOptions with { MaxBadRowFraction = 1m });

        Assert.Empty(result.Movements);
        Assert.Equal(
            [(2L, "Amount", "abc"), (3L, "Amount Refunded", "20"), (4L, "Created (UTC)", ""), (5L, "Status", "Disputed"), (6L, "Currency", ""), (7L, "Amount", "-10")],
            result.Errors.Select(error => (error.Row, error.Column, error.Value)));
        Assert.Contains("expected between 0 and the charge's Amount", result.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_IdsWithoutChargePrefix_Warned()
    {
        var result = await TextAsync(Header + "pay_1,2025-01-01 00:00,10,0,eur,10,Paid,,,,true,\n");

        Assert.Single(result.Movements);
        Assert.Equal(
            ["1 row(s) have an id that does not start with ch_ or py_, as Stripe payment ids do (first: row 2, 'pay_1'); check that this is a Stripe payment export."],
            result.Warnings);
    }
}
