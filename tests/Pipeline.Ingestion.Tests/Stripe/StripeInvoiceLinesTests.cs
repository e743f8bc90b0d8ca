using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests.Stripe;

/// <summary>The Stripe invoice-lines format (our Sigma query shape, EXPORTS.md B1.7) over its fixture and single rows.</summary>
public sealed class StripeInvoiceLinesTests
{
    private const string Fixture = "Fixtures/exports/stripe-sigma/invoice-lines.csv";

    private const string Header =
        "id,invoice_id,invoice_number,invoice_created,invoice_status,customer_id,customer_email,subscription_id," +
        "subscription_item_id,price_id,product_name,description,source_type,proration,quantity,amount,discount_amount," +
        "tax_amount,currency,period_start,period_end,price_type,recurring_interval,recurring_interval_count";

    private static readonly Dictionary<string, string> GoodRow = new(StringComparer.Ordinal)
    {
        ["id"] = "il_1", ["invoice_id"] = "in_1", ["invoice_number"] = "ABC-0001", ["invoice_created"] = "2025-01-01 00:00:05",
        ["invoice_status"] = "paid", ["customer_id"] = "cus_1", ["customer_email"] = "a@example.com", ["subscription_id"] = "sub_1",
        ["subscription_item_id"] = "si_1", ["price_id"] = "price_1", ["product_name"] = "Basic", ["description"] = "1 × Basic",
        ["source_type"] = "subscription", ["proration"] = "false", ["quantity"] = "1", ["amount"] = "4900",
        ["discount_amount"] = "0", ["tax_amount"] = "1029", ["currency"] = "eur", ["period_start"] = "2025-01-01 00:00:00",
        ["period_end"] = "2025-02-01 00:00:00", ["price_type"] = "recurring", ["recurring_interval"] = "month",
        ["recurring_interval_count"] = "1",
    };

    private static ExportParseOptions Utc => new(TimeZoneInfo.Utc);

    [Fact]
    public async Task ParseAsync_Fixture_DetectedWithEveryLineAndCustomer()
    {
        var result = await Parse.FixtureAsync(Fixture, Utc);

        Assert.Equal(("stripe-invoice-lines", false), (result.Format, result.IsRefused));
        Assert.Contains("invoice_id, period_start, period_end, amount, price_id", result.FormatEvidence, StringComparison.Ordinal);
        Assert.Equal((41, 0), (result.DataRows, result.BadRows));
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal(41, result.Lines.Count);
        Assert.Equal((1, 2, 38), (
            result.Lines.Count(line => line.LineType == LineType.OneTime),
            result.Lines.Count(line => line.LineType == LineType.Proration),
            result.Lines.Count(line => line.LineType == LineType.Recurring)));
        Assert.Equal(["cus_A001", "cus_B002", "cus_C003", "cus_D004", "cus_E005", "cus_F006", "cus_G007"],
            result.Customers.Select(customer => customer.CustomerId).ToArray());
        Assert.Equal("eva@echo.example", result.Customers.Single(customer => customer.CustomerId == "cus_E005").Email);
    }

    [Fact]
    public async Task ParseAsync_ItemSwapFixture_EveryLineKeyedByItsSubscriptionItem()
    {
        var result = await Parse.FixtureAsync("Fixtures/exports/stripe-sigma-item-swap/invoice-lines.csv", Utc);

        Assert.Equal(("stripe-invoice-lines", 15, 0), (result.Format, result.DataRows, result.BadRows));
        Assert.Equal((3, 12), (
            result.Lines.Count(line => line.LineType == LineType.Proration),
            result.Lines.Count(line => line.LineType == LineType.Recurring)));
        Assert.Equal(["cus_H008", "cus_J009"], result.Customers.Select(customer => customer.CustomerId).ToArray());
        Assert.Equal(
            [("si_H008S", -50m), ("si_H008P", 100m), ("si_J009X", -25m)],
            result.Lines.Where(line => line.LineType == LineType.Proration).Select(line => (line.SubscriptionId, line.Amount)).ToArray());
    }

    [Fact]
    public async Task ParseAsync_Fixture_MinorUnitsTimestampsAndIntervalsMapped()
    {
        var lines = (await Parse.FixtureAsync(Fixture, Utc)).Lines;

        var first = lines[0];
        Assert.Equal(("il_1Q0001LINE", "cus_A001", "in_1Q0001INV", "si_A001", "price_basic_m", "Basic"),
            (first.LineKey, first.CustomerId, first.InvoiceId, first.SubscriptionId, first.Plan, first.Product));
        Assert.Equal(("100.00", "0.00", "21.00", "EUR"), (first.Amount.ToString(Inv), first.Discount.ToString(Inv), first.Tax.ToString(Inv), first.Currency.Code));
        Assert.Equal((Parse.Utc(2025, 1, 1), Parse.Utc(2025, 2, 1)), (first.ServiceStart, first.ServiceEnd!.Value));
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 5, TimeSpan.Zero), first.IssuedAt);
        Assert.Equal((BillingInterval.Monthly, false, DocumentStatus.Paid, 2L), (first.Interval!.Value, first.IntervalInferred, first.Status, first.RowNumber));

        var fee = lines[1];
        Assert.Equal((LineType.OneTime, (BillingInterval?)null, (string?)null, 50.00m), (fee.LineType, fee.Interval, fee.SubscriptionId, fee.Amount));
        Assert.Equal(TimeSpan.FromSeconds(1), fee.ServiceEnd - fee.ServiceStart);

        var credit = lines.Single(line => line.LineKey == "ii_1Q0002LINE");
        Assert.Equal((LineType.Proration, -50.00m, -10.50m, "si_A001"), (credit.LineType, credit.Amount, credit.Tax, credit.SubscriptionId));

        var annual = lines.Single(line => line.CustomerId == "cus_B002");
        Assert.Equal((1200.00m, 120.00m, 1080.00m, new BillingInterval(IntervalUnit.Year, 1)), (annual.Amount, annual.Discount, annual.Net, annual.Interval!.Value));
        Assert.Equal((new DateTimeOffset(2025, 1, 10, 14, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 10, 14, 30, 0, TimeSpan.Zero)),
            (annual.ServiceStart, annual.ServiceEnd!.Value));

        var seats = lines.First(line => line.Plan == "price_seat_q");
        Assert.Equal(("si_C003b", 2m, 60.00m, new BillingInterval(IntervalUnit.Month, 3)), (seats.SubscriptionId, seats.Quantity, seats.Amount, seats.Interval!.Value));
        Assert.Equal(new BillingInterval(IntervalUnit.Week, 1), lines.First(line => line.CustomerId == "cus_D004").Interval);
        Assert.Equal(0m, lines.First(line => line.CustomerId == "cus_E005").Amount);

        var yen = lines.Where(line => line.CustomerId == "cus_G007").ToList();
        Assert.All(yen, line => Assert.Equal(("JPY", "4800"), (line.Currency.Code, line.Amount.ToString(Inv))));
        Assert.Equal(DocumentStatus.Draft, yen[^1].Status);
        Assert.Equal(DocumentStatus.Void, lines.Last(line => line.CustomerId == "cus_F006").Status);
    }

    [Theory]
    [InlineData("bhd", "12345", "12.345")]
    [InlineData("jpy", "-500", "-500")]
    [InlineData("usd", "-1250", "-12.50")]
    [InlineData("eur", "7", "0.07")]
    public async Task ParseAsync_MinorUnits_DividedByTheCurrencyExponent(string currency, string amount, string expected)
    {
        var result = await Parse.TextAsync(Row(("currency", currency), ("amount", amount)), Utc);

        Assert.Equal(expected, Assert.Single(result.Lines).Amount.ToString(Inv));
    }

    [Theory]
    [InlineData("one_time", "false", LineType.OneTime)]
    [InlineData("recurring", "true", LineType.Proration)]
    [InlineData("recurring", "false", LineType.Recurring)]
    [InlineData("recurring", "", LineType.Recurring)]
    public async Task ParseAsync_LineType_FromPriceTypeAndProration(string priceType, string proration, LineType expected)
    {
        var result = await Parse.TextAsync(Row(("price_type", priceType), ("proration", proration)), Utc);

        Assert.Equal(expected, Assert.Single(result.Lines).LineType);
    }

    [Theory]
    [InlineData("draft", DocumentStatus.Draft)]
    [InlineData("open", DocumentStatus.Open)]
    [InlineData("paid", DocumentStatus.Paid)]
    [InlineData("uncollectible", DocumentStatus.Uncollectible)]
    [InlineData("void", DocumentStatus.Void)]
    public async Task ParseAsync_InvoiceStatus_Mapped(string status, DocumentStatus expected)
    {
        var result = await Parse.TextAsync(Row(("invoice_status", status)), Utc);

        Assert.Equal(expected, Assert.Single(result.Lines).Status);
    }

    [Fact]
    public async Task ParseAsync_NoSubscriptionItem_SubscriptionIdIsTheSubscription()
    {
        var result = await Parse.TextAsync(Row(("subscription_item_id", "")), Utc);

        Assert.Equal("sub_1", Assert.Single(result.Lines).SubscriptionId);
    }

    [Fact]
    public async Task ParseAsync_EmailChanges_LaterLineUpdatesTheCustomer()
    {
        var result = await Parse.TextAsync(string.Concat(Row(("customer_email", "Old@Example.com")), Line(("id", "il_2"), ("customer_email", "new@example.com")),
            Line(("id", "il_3"), ("customer_email", "NEW@example.com"))), Utc);

        var customer = Assert.Single(result.Customers);
        Assert.Equal(("cus_1", "new@example.com", 3L), (customer.CustomerId, customer.Email, customer.RowNumber));
    }

    [Fact]
    public async Task ParseAsync_BadLine_AddsNoCustomerButAKeptLineLaterDoes()
    {
        var bad = await Parse.TextAsync(Row(("amount", "x"), ("customer_email", "a@example.com")), Utc);
        var later = await Parse.TextAsync(string.Concat(Row(("amount", "x"), ("customer_email", "a@example.com")),
            Line(("id", "il_2"), ("customer_email", "A@example.com"))), Utc);

        Assert.Empty(bad.Customers);
        Assert.Equal(("a@example.com", 3L), (Assert.Single(later.Customers).Email, later.Customers[0].RowNumber));
    }

    [Fact]
    public async Task ParseAsync_NonAsciiAndLongCustomerIds_EachOneCustomer()
    {
        var longId = string.Concat("cus_", new string('x', 21));
        var ids = new[] { "klant_ë", "klant_e", longId, string.Concat(longId, "y"), "klant_ë", longId, "klant_e" };
        var csv = string.Concat(ids.Select((id, line) => Line(
            ("id", string.Create(Inv, $"il_{line}")), ("customer_id", id), ("customer_email", string.Create(Inv, $"a{line}@example.com")))));

        var result = await Parse.TextAsync(string.Concat(Header, "\n", csv), Utc);

        Assert.Equal(ids, result.Lines.Select(line => line.CustomerId));
        Assert.Equal(
            [("klant_ë", "a4@example.com"), ("klant_e", "a6@example.com"), (longId, "a5@example.com"), (string.Concat(longId, "y"), "a3@example.com")],
            result.Customers.Select(customer => (customer.CustomerId, customer.Email!)));
    }

    [Fact]
    public async Task ParseAsync_ThousandsOfCustomersInRandomOrder_OneRecordEachInTheOrderFirstRecordedWithTheLastEmail()
    {
        var random = new Random(11);
        var csv = new System.Text.StringBuilder(Header).Append('\n');
        var firstSeen = new List<string>();
        var lastEmail = new Dictionary<string, (string Email, long Row)>(StringComparer.Ordinal);
        // ~9,000 customers: more than two blocks of entries (4,096 each) and of text (64 Ki characters).
        for (var line = 0; line < 30_000; line++)
        {
            var customer = string.Create(Inv, $"cus_{random.Next(500):D5}_{new string('x', random.Next(20))}");
            var email = string.Create(Inv, $"Billing.{customer}@Example.com{(random.Next(10) == 0 ? ".nl" : "")}");
            csv.Append(Line(("id", string.Create(Inv, $"il_{line}")), ("customer_id", customer), ("customer_email", email)));
            if (!lastEmail.ContainsKey(customer))
            {
                firstSeen.Add(customer);
            }

            var lower = email.ToLowerInvariant();
            lastEmail[customer] = lastEmail.TryGetValue(customer, out var known) && known.Email == lower ? known : (lower, line + 2L);
        }

        var result = await Parse.TextAsync(csv.ToString(), Utc);

        Assert.Equal(30_000, result.Lines.Count);
        Assert.InRange(firstSeen.Count, 2 * 4_096, 10_000);
        Assert.Equal(firstSeen, result.Customers.Select(customer => customer.CustomerId));
        Assert.Equal(firstSeen.Select(customer => lastEmail[customer]), result.Customers.Select(customer => (customer.Email!, customer.RowNumber)));
        Assert.All(result.Lines, line => Assert.StartsWith("cus_", line.CustomerId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_TwoItemsOfOneSubscription_KeptApartAndSharedAcrossLines()
    {
        var result = await Parse.TextAsync(string.Concat(Row(), Line(("id", "il_2"), ("subscription_item_id", "si_2")),
            Line(("id", "il_3"), ("invoice_id", "in_2"), ("subscription_item_id", "si_2")), Line(("id", "il_4"), ("customer_id", "cus_2"))), Utc);

        Assert.Equal(["si_1", "si_2", "si_2", "si_1"], result.Lines.Select(line => line.SubscriptionId!).ToArray());
        Assert.Same(result.Lines[1].SubscriptionId, result.Lines[2].SubscriptionId);
        Assert.Equal(["cus_1", "cus_1", "cus_1", "cus_2"], result.Lines.Select(line => line.CustomerId).ToArray());
    }

    [Fact]
    public async Task ParseAsync_TimestampWithoutSeconds_ReadAsUtcByTheGeneralReader()
    {
        var result = await Parse.TextAsync(Row(("period_start", "2025-01-01 09:30"), ("invoice_created", "2025-01-01T09:30:00Z")), Parse.AmsterdamOptions);

        var line = Assert.Single(result.Lines);
        Assert.Equal((Parse.Utc(2025, 1, 1, 9, 30), Parse.Utc(2025, 1, 1, 9, 30)), (line.ServiceStart, line.IssuedAt!.Value));
    }

    [Fact]
    public async Task ParseAsync_IdWithoutStripePrefix_AcceptedWithOneWarning()
    {
        var result = await Parse.TextAsync(string.Concat(Row(("id", "line-1")), Line(("id", "line-2"))), Utc);

        Assert.Equal(2, result.Lines.Count);
        Assert.Equal("2 line id(s) do not start with il_ or ii_ (first: 'line-1'): check that the file is the Stripe invoice_line_items query.",
            Assert.Single(result.Warnings));
    }

    [Theory]
    [InlineData("amount", "49.00", "'49.00' is not an amount: expected an integer amount in minor units (cents), such as 4900 for 49.00 or -1250.")]
    [InlineData("amount", "", "amount is empty: expected an integer amount in minor units (cents), such as 4900 for 49.00 or -1250.")]
    [InlineData("discount_amount", "-100", "'-100' is a negative discount: discount_amount is zero or more.")]
    [InlineData("invoice_status", "settled", "'settled' is not a Stripe invoice status: expected draft, open, paid, uncollectible or void.")]
    [InlineData("currency", "euro", "'euro' is not an ISO 4217 currency code: expected a code such as eur, usd or jpy.")]
    [InlineData("proration", "maybe", "'maybe' is not a proration flag: expected true or false.")]
    [InlineData("price_type", "metered", "'metered' is not a Stripe price type: expected recurring or one_time.")]
    [InlineData("recurring_interval", "", "'' is not a recurring interval: a recurring price needs day, week, month or year.")]
    [InlineData("recurring_interval_count", "0", "'0' is not an interval count: expected a whole number of 1 or more.")]
    [InlineData("customer_id", "", "customer_id is empty: every line needs the id of its customer (cus_…).")]
    [InlineData("period_end", "2024-12-01 00:00:00", "period_end 2024-12-01 00:00:00 is not after period_start 2025-01-01 00:00:00: the service period runs from period_start up to, not including, period_end.")]
    public async Task ParseAsync_BadValue_RowErrorNamesRowColumnAndValue(string column, string value, string message)
    {
        var result = await Parse.TextAsync(Row((column, value)), Utc);

        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, column, value, message), (error.Row, error.Column, error.Value, error.Message));
        Assert.Empty(result.Lines);
        Assert.True(result.IsRefused);
    }

    [Fact]
    public async Task ParseAsync_BadTimestamp_ReportedByTheGeneralReader()
    {
        var result = await Parse.TextAsync(Row(("period_start", "2025-02-30 00:00:00")), Utc);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("period_start", "2025-02-30 00:00:00"), (error.Column, error.Value));
        Assert.StartsWith("'2025-02-30 00:00:00' is not a date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_MissingRequiredColumn_RejectedAsBadHeader()
    {
        var result = await Parse.TextAsync(
            "id,invoice_id,period_start,period_end,amount,price_id\nil_1,in_1,2025-01-01 00:00:00,2025-02-01 00:00:00,4900,price_1\n", Utc);

        Assert.Equal((RefusalCodes.BadHeader, "stripe-invoice-lines"), (result.ReasonCode, result.Format));
        Assert.Contains("invoice_status, customer_id, currency, proration, price_type, recurring_interval", result.RefusalReason, StringComparison.Ordinal);
    }

    private static System.Globalization.CultureInfo Inv => System.Globalization.CultureInfo.InvariantCulture;

    private static string Row(params (string Column, string Value)[] changes) => string.Concat(Header, "\n", Line(changes));

    private static string Line(params (string Column, string Value)[] changes)
    {
        var values = new Dictionary<string, string>(GoodRow, StringComparer.Ordinal);
        foreach (var (column, value) in changes)
        {
            values[column] = value;
        }

        return string.Concat(string.Join(",", Header.Split(',').Select(column => values[column])), "\n");
    }
}
