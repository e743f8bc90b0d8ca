using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Formats;

/// <summary>The Stripe Sigma invoice-lines fixture dropped through the local host into Azurite, with its MRR read back over HTTP.</summary>
/// <remarks>Figures from <c>tests/Fixtures/exports/stripe-sigma/README.md</c>; the rates file makes ¥4,800 worth 30.00 EUR.</remarks>
[Collection(AzuriteCollection.Name)]
public sealed class StripeInvoiceLinesEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string Rates =
        """
        date,base,quote,rate
        2025-01-31,EUR,JPY,160
        2025-02-28,EUR,JPY,160
        2025-03-31,EUR,JPY,160
        2025-04-30,EUR,JPY,160
        2025-05-31,EUR,JPY,160
        2025-06-30,EUR,JPY,160
        2025-07-31,EUR,JPY,160

        """;

    private LocalHostInstance _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task InvoiceLines_AcceptedAndMrrPerMonthAsComputedByHand()
    {
        await _host.DropAsync("stripe/rates.csv", Rates);
        await _host.DropFixtureAsync("stripe/invoice-lines.csv", "stripe-sigma", "invoice-lines.csv");

        var imports = await _host.WaitForImportsAsync("stripe", rows => rows.Count == 2 && rows.All(row => row.GetProperty("status").GetString() != "Processing"));

        Assert.All(imports, import => Assert.Equal("Accepted", import.GetProperty("status").GetString()));
        var lines = imports.Single(import => import.GetProperty("fileName").GetString() == "invoice-lines.csv");
        Assert.Equal(("stripe-invoice-lines", 41), (lines.GetProperty("format").GetString(), lines.GetProperty("rows").GetInt32()));
        var rows = (await _host.GetJsonAsync("/api/tenants/stripe/kpis?from=2025-01&to=2025-07")).EnumerateArray().ToList();
        // The exports reach Jul 1 00:00:09 (G's draft July invoice): provisional July is measured then, when E's
        // June line (to Jul 3) still runs: 90 + 49. Closed, July is the README's 90 at its end.
        Assert.Equal(["530.00", "619.00", "619.00", "469.00", "469.00", "269.00", "139.00"],
            rows.Select(row => row.GetProperty("mrr").GetRawText()).ToArray());
        Assert.Equal(("provisional", "2025-07-01T00:00:09+00:00"), (rows[6].GetProperty("status").GetString(), rows[6].GetProperty("asOf").GetString()));
        using var close = await _host.Http.PostAsync(new Uri("/api/tenants/stripe/closes/2025-07", UriKind.Relative), null);
        Assert.Equal(System.Net.HttpStatusCode.OK, close.StatusCode);
        var july = await _host.GetJsonAsync("/api/tenants/stripe/kpis/2025-07");
        Assert.Equal(("closed", "90.00", System.Text.Json.JsonValueKind.Null), (july.GetProperty("status").GetString(), july.GetProperty("mrr").GetRawText(), july.GetProperty("asOf").ValueKind));
        Assert.Equal("EUR:500.00;JPY:4800", rows[0].GetProperty("nativeMrr").GetString());
    }

    /// <summary>
    /// An upgrade that moves a customer to a new subscription item (Starter → Pro mid-February) counts only Pro at the
    /// end of February, and an add-on removed with an unused-time credit leaves its base plan counting. Figures from
    /// <c>tests/Fixtures/exports/stripe-sigma-item-swap/README.md</c>.
    /// </summary>
    [Fact]
    public async Task ItemSwapAndAddOnRemoval_CreditedItemsStopAtTheCreditsStart()
    {
        await _host.DropFixtureAsync("stripe-swap/invoice-lines.csv", "stripe-sigma-item-swap", "invoice-lines.csv");

        var imports = await _host.WaitForImportsAsync("stripe-swap", rows => rows.Count == 1 && rows[0].GetProperty("status").GetString() != "Processing");

        var import = Assert.Single(imports);
        Assert.Equal(("Accepted", "stripe-invoice-lines", 15), (import.GetProperty("status").GetString(), import.GetProperty("format").GetString(), import.GetProperty("rows").GetInt32()));

        // June lies after the file's data horizon, so it awaits data while open; the close measures every month at its end.
        using var close = await _host.Http.PostAsync(new Uri("/api/tenants/stripe-swap/closes/2025-06", UriKind.Relative), null);
        Assert.Equal(System.Net.HttpStatusCode.OK, close.StatusCode);
        var rows = (await _host.GetJsonAsync("/api/tenants/stripe-swap/kpis?from=2025-01&to=2025-06")).EnumerateArray().ToList();
        Assert.Equal(["400.00", "550.00", "550.00", "500.00", "300.00", "0.00"], rows.Select(row => row.GetProperty("mrr").GetRawText()).ToArray());
        Assert.Equal(
            [
                ("400.00", "0.00", "0.00", "0.00"),
                ("0.00", "150.00", "0.00", "0.00"),
                ("0.00", "0.00", "0.00", "0.00"),
                ("0.00", "0.00", "50.00", "0.00"),
                ("0.00", "0.00", "0.00", "200.00"),
                ("0.00", "0.00", "0.00", "300.00"),
            ],
            rows.Select(row => (row.GetProperty("newMrr").GetRawText(), row.GetProperty("expansionMrr").GetRawText(),
                row.GetProperty("contractionMrr").GetRawText(), row.GetProperty("churnedMrr").GetRawText())).ToArray());
    }

    /// <summary>
    /// The Stripe payments and invoices exports change MRR only where METRICS.md says: B's annual invoice fully refunded
    /// (dated by its charge, Jan 10) takes B's 90 out of every month — B started and was refunded within January, so
    /// no movement; C's April invoice voided removes C from April (Team Lite 80 + seats 20 = 100 a month until June); a partial refund of C's January invoice
    /// changes nothing. By hand (EUR, JPY at 160): 440, 529, 529, 279, 279, 79, 0.
    /// </summary>
    [Fact]
    public async Task PaymentsAndInvoices_FullRefundAndVoidInvoiceRemoveTheirLines()
    {
        await _host.DropAsync("stripe-cash/rates.csv", Rates);
        await _host.DropFixtureAsync("stripe-cash/invoice-lines.csv", "stripe-sigma", "invoice-lines.csv");
        await _host.DropAsync("stripe-cash/payments.csv", Payments);
        await _host.DropAsync("stripe-cash/invoices.csv", Invoices);

        var imports = await _host.WaitForImportsAsync("stripe-cash", rows => rows.Count == 4 && rows.All(row => row.GetProperty("status").GetString() != "Processing"));

        Assert.All(imports, import => Assert.Equal("Accepted", import.GetProperty("status").GetString()));
        Assert.Equal(["stripe-invoice-lines", "stripe-invoices", "stripe-payments"],
            imports.Select(import => import.GetProperty("format").GetString()!).Where(format => format.StartsWith("stripe", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray());
        var rows = (await _host.GetJsonAsync("/api/tenants/stripe-cash/kpis?from=2025-01&to=2025-07")).EnumerateArray().ToList();
        // Provisional July is measured at the data horizon (Jul 1 00:00:09), when E still pays 49 (see above).
        Assert.Equal(["440.00", "529.00", "529.00", "279.00", "279.00", "79.00", "49.00"],
            rows.Select(row => row.GetProperty("mrr").GetRawText()).ToArray());
        Assert.Equal(1, rows[0].GetProperty("subscribedAndChurned").GetInt32());
        // April churn: D's weekly box ends (130) and C, whose April invoice is void, leaves from 120 (Team 100 + seats 20).
        Assert.Equal("250.00", rows[3].GetProperty("churnedMrr").GetRawText());
        var refunds = (await _host.GetJsonAsync("/api/tenants/stripe-cash/payments?from=2025-01&to=2025-01&type=refund")).EnumerateArray().ToList();
        Assert.Equal([("-1306.80", true), ("-35.60", true)],
            refunds.Select(row => (row.GetProperty("amount").GetRawText(), row.GetProperty("timingEstimated").GetBoolean())).OrderBy(row => row.Item1, StringComparer.Ordinal).ToArray());
    }

    private const string Payments =
        """
        id,Description,Seller Message,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Converted Amount Refunded,Fee,Tax,Converted Currency,Mode,Status,Statement Descriptor,Customer ID,Customer Description,Customer Email,Captured,Card ID,Card Last4,Card Brand,Card Funding,Card Exp Month,Card Exp Year,Card Name,Card Address Line1,Card Address Line2,Card Address City,Card Address State,Card Address Country,Card Address Zip,Card Issue Country,Card Fingerprint,Card CVC Status,Card AVS Zip Status,Card AVS Line1 Status,Card Tokenization Method,Disputed Amount,Dispute Status,Dispute Reason,Dispute Date (UTC),Dispute Evidence Due (UTC),Invoice ID,Payment Source Type,Destination,Transfer,Interchange Costs,Merchant Service Charge,Transfer Group,PaymentIntent ID
        ch_3Bravo,Subscription creation,,2025-01-10 14:30:05,1306.80,1306.80,eur,1306.80,1306.80,19.20,0.00,eur,Live,Refunded,,cus_B002,,finance@bravo.example,true,,,,,,,,,,,,,,,,,,,,,,,,,in_1Q0007INV,card,,,,,,pi_3Bravo
        ch_4Charlie,Subscription update,,2025-01-01 00:05:00,435.60,35.60,eur,435.60,35.60,6.60,0.00,eur,Live,Paid,,cus_C003,,,true,,,,,,,,,,,,,,,,,,,,,,,,,in_1Q0008INV,card,,,,,,pi_4Charlie

        """;

    private const string Invoices =
        """
        id,Number,Customer,Customer Name,Customer Email,Subscription,Status,Billing,Currency,Amount Due,Amount Paid,Subtotal,Total Discount Amount,Tax,Total,Date (UTC),Due Date (UTC),Paid At (UTC),Finalized At (UTC),Voided At (UTC),Marked Uncollectible At (UTC),Paid,Customer Address Country
        in_1Q0009INV,C003-0009,cus_C003,Charlie Ltd,ops@charlie.example,sub_C003,void,charge_automatically,eur,0.00,0.00,300.00,0.00,63.00,363.00,2025-04-01 00:00:06,2025-04-01 00:00:06,,2025-04-01 00:00:06,2025-04-20 10:00:00,,false,gb

        """;
}
