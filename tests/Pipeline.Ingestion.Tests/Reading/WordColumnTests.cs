namespace Pipeline.Ingestion.Tests.Reading;

/// <summary>The status and line-type columns of the readers that share <c>WordColumn</c>: default, case, and the message for a bad word.</summary>
public sealed class WordColumnTests
{
    private const string Canonical = "customer_id,amount,currency,service_start,service_end,interval,line_type,status\n";

    private const string StripeInvoices = "id,Number,Customer,Subscription,Status,Currency,Total,Amount Due,Date (UTC)\n";

    private const string ChartMogul =
        "invoice_external_id,date,currency,customer_external_id,type,subscription_external_id,service_period_start,service_period_end," +
        "amount_in_cents,prorated,discount_amount_in_cents,tax_amount_in_cents,external_id,plan_interval,plan_interval_count\n";

    [Fact]
    public async Task Canonical_EmptyIsRecurringAndPaid_WordsMatchedCaseInsensitively()
    {
        var result = await Parse.TextAsync(Canonical +
            "c1,10,EUR,2025-01-01,2025-02-01,month,,\n" +
            "c2,10,EUR,2025-01-01,2025-02-01,month,One-Time,PAST_DUE\n");

        Assert.Empty(result.Errors);
        Assert.Equal(
            [(Domain.LineType.Recurring, Domain.DocumentStatus.Paid), (Domain.LineType.OneTime, Domain.DocumentStatus.PastDue)],
            result.Lines.Select(line => (line.LineType, line.Status)));
    }

    [Theory]
    [InlineData("line_type", "monthly", "'monthly' is not a line type: expected recurring, one_time, usage, trial, proration or credit.")]
    [InlineData("status", "settled", "'settled' is not a status: expected paid, open, past_due, uncollectible, void, draft or refunded.")]
    public async Task Canonical_BadWord_RowErrorListsTheWords(string column, string value, string message)
    {
        var cells = new Dictionary<string, string> { ["line_type"] = "recurring", ["status"] = "paid" };
        cells[column] = value;
        var result = await Parse.TextAsync(Canonical +
            "c1,10,EUR,2025-01-01,2025-02-01,month,recurring,paid\n" +
            $"c2,10,EUR,2025-01-01,2025-02-01,month,{cells["line_type"]},{cells["status"]}\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, column, value, message), (error.Row, error.Column, error.Value, error.Message));
    }

    [Theory]
    [InlineData("", "Status is empty: expected draft, open, paid, uncollectible or void.")]
    [InlineData("settled", "'settled' is not an invoice status: expected draft, open, paid, uncollectible or void.")]
    public async Task StripeInvoices_EmptyOrUnknownStatus_RowError(string status, string message)
    {
        var result = await Parse.TextAsync(StripeInvoices +
            "in_1,N-1,cus_1,,Paid,eur,10.00,0.00,2025-01-01 09:00\n" +
            $"in_2,N-2,cus_1,,{status},eur,10.00,0.00,2025-01-01 09:00\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "Status", message), (error.Row, error.Column, error.Message));
        Assert.Equal(Domain.DocumentStatus.Paid, Assert.Single(result.Documents).Status);
    }

    [Fact]
    public async Task ChartMogul_UnknownType_RowErrorListsTheTypes()
    {
        var result = await Parse.TextAsync(ChartMogul +
            "i0,2025-01-01,EUR,c,SUBSCRIPTION,s,2025-01-01,2025-02-01,4840,,,,l0,,\n" +
            "i1,2025-01-01,EUR,c,usage,s,2025-01-01,2025-02-01,4840,,,,l1,,\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "type", "'usage' is not a line item type: expected subscription or one_time."), (error.Row, error.Column, error.Message));
        Assert.Equal(Domain.LineType.Recurring, Assert.Single(result.Lines).LineType);
    }
}
