using System.Globalization;
using System.Text;

namespace Pipeline.Benchmarks;

/// <summary>A deterministic (seeded) Stripe invoice-lines file in our Sigma query shape (README, "The Sigma query for Stripe invoice lines").</summary>
/// <remarks>
/// Invoices of 1–3 lines over ~1 customer per 12 lines, 2021–2025; monthly, quarterly, annual and weekly prices; EUR,
/// USD and JPY; prorations, one-time fees, discounts, and void, open, uncollectible and draft invoices. About 290 bytes
/// a line.
/// </remarks>
internal static class StripeInvoiceLinesFile
{
    private const string Header =
        "id,invoice_id,invoice_number,invoice_created,invoice_status,customer_id,customer_email,subscription_id," +
        "subscription_item_id,price_id,product_name,description,source_type,proration,quantity,amount,discount_amount," +
        "tax_amount,currency,period_start,period_end,price_type,recurring_interval,recurring_interval_count";

    private static readonly (string Price, string Product, int UnitAmount, string Interval, int Count)[] Prices =
    [
        ("price_1PbasicMonthly00000001", "Basic", 4900, "month", 1),
        ("price_1PproMonthly000000002", "Pro", 9900, "month", 1),
        ("price_1PteamQuarterly000003", "Team", 29900, "month", 3),
        ("price_1PbasicAnnual00000004", "Basic (annual)", 49900, "year", 1),
        ("price_1PproAnnual0000000005", "Pro (annual)", 99900, "year", 1),
        ("price_1PweeklyBox0000000006", "Weekly box", 2500, "week", 1),
        ("price_1PseatMonthly00000007", "Extra seat", 1500, "month", 1),
        ("price_1PenterpriseMonthly08", "Enterprise", 149900, "month", 1),
    ];

    /// <summary>Writes a deterministic invoice-lines file: invoices of 1–3 lines over ~1 customer per 12 lines, 2021–2025.</summary>
    public static void Generate(string path, int lineCount, int seed)
    {
        var random = new Random(seed);
        var customers = Math.Max(1, lineCount / 12);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        writer.Write(Header);
        writer.Write('\n');
        var start = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var written = 0;
        for (var invoice = 1; written < lineCount; invoice++)
        {
            var customer = random.Next(customers);
            var created = start.AddSeconds(random.Next(5 * 365 * 24 * 3600));
            var status = random.Next(100) switch { < 94 => "paid", < 96 => "open", < 98 => "void", < 99 => "uncollectible", _ => "draft" };
            var currency = customer % 20 == 0 ? "usd" : customer % 50 == 1 ? "jpy" : "eur";
            var items = random.Next(100) switch { < 80 => 1, < 95 => 2, _ => 3 };
            for (var item = 0; item < items && written < lineCount; item++, written++)
            {
                WriteLine(writer, random, invoice, customer, item, created, status, currency, written);
            }
        }
    }

    private static void WriteLine(
        StreamWriter writer, Random random, int invoice, int customer, int item, DateTime created, string status, string currency, int line)
    {
        var price = Prices[(customer + (item * 3)) % Prices.Length];
        var kind = random.Next(100);
        var oneTime = kind < 2;
        var proration = !oneTime && kind < 5;
        var quantity = price.Product == "Extra seat" ? 1 + random.Next(9) : 1;
        var amount = (long)price.UnitAmount * quantity;
        var periodStart = created.Date.AddHours(created.Hour);
        var periodEnd = price.Interval switch
        {
            "week" => periodStart.AddDays(7 * price.Count),
            "year" => periodStart.AddYears(price.Count),
            _ => periodStart.AddMonths(price.Count),
        };
        if (proration)
        {
            periodStart = periodStart.AddTicks((periodEnd - periodStart).Ticks / 4 * random.Next(1, 4));
            amount = -amount / 2;
        }

        var discount = !proration && random.Next(10) == 0 ? amount / 10 : 0;
        var inv = invoice.ToString("D8", CultureInfo.InvariantCulture);
        var cus = customer.ToString("D7", CultureInfo.InvariantCulture);
        var w = writer;
        w.Write(oneTime ? "ii_1Q" : "il_1Q");
        w.Write(line.ToString("D10", CultureInfo.InvariantCulture));
        w.Write("Xk,in_1Q"); w.Write(inv); w.Write("AbCdEf,"); w.Write(cus); w.Write('-'); w.Write(inv); w.Write(',');
        w.Write(Timestamp(created)); w.Write(','); w.Write(status); w.Write(",cus_Q"); w.Write(cus); w.Write("Zy,customer");
        w.Write(cus); w.Write("@example.com,");
        if (!oneTime)
        {
            w.Write("sub_1Q"); w.Write(cus); w.Write("Sb,si_Q"); w.Write(cus); w.Write(item.ToString(CultureInfo.InvariantCulture)); w.Write("It");
        }
        else
        {
            w.Write(',');
        }

        w.Write(','); w.Write(oneTime ? "price_1PsetupFee00000000009" : price.Price); w.Write(',');
        w.Write(oneTime ? "Onboarding" : price.Product); w.Write(',');
        w.Write(oneTime ? "Onboarding fee" : proration ? "Remaining time on " + price.Product : "1 × " + price.Product);
        w.Write(oneTime ? ",invoice_item," : ",subscription,"); w.Write(proration ? "true," : "false,");
        w.Write(quantity.ToString(CultureInfo.InvariantCulture)); w.Write(',');
        w.Write(amount.ToString(CultureInfo.InvariantCulture)); w.Write(',');
        w.Write(discount.ToString(CultureInfo.InvariantCulture)); w.Write(',');
        w.Write(((amount - discount) * 21 / 100).ToString(CultureInfo.InvariantCulture)); w.Write(',');
        w.Write(currency); w.Write(',');
        w.Write(Timestamp(oneTime ? created : periodStart)); w.Write(',');
        w.Write(Timestamp(oneTime ? created : periodEnd)); w.Write(',');
        w.Write(oneTime ? "one_time,," : string.Concat("recurring,", price.Interval, ",", price.Count.ToString(CultureInfo.InvariantCulture)));
        w.Write('\n');
    }

    private static string Timestamp(DateTime instant) => instant.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
