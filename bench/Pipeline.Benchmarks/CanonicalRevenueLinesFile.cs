using System.Globalization;
using System.Text;

namespace Pipeline.Benchmarks;

/// <summary>A deterministic (seeded) canonical revenue-lines file (README, "Input: canonical files") shaped like <see cref="StripeInvoiceLinesFile"/>.</summary>
/// <remarks>
/// The same mix: invoices of 1–3 lines over ~1 customer per 12 lines, 2021–2025; monthly, quarterly, annual and weekly
/// plans; EUR, USD and JPY in major units; prorations, one-time fees, discounts, tax; paid, open, void, refunded (with
/// <c>refunded_at</c>) and draft lines; and each line's customer name and country, which become customer records.
/// ISO dates, comma-delimited, every column of the format. About 260 bytes a line.
/// </remarks>
internal static class CanonicalRevenueLinesFile
{
    private const string Header =
        "line_id,invoice_id,customer_id,customer_name,country,subscription_id,plan,product,line_type,quantity,amount,discount," +
        "tax,currency,interval,interval_count,service_start,service_end,issued_at,due_at,status,refunded_at";

    private static readonly string[] Countries = ["NL", "DE", "US", "FR", "BE", "GB", "JP"];

    private static readonly (string Plan, string Product, decimal Price, string Interval, int Count)[] Plans =
    [
        ("basic-monthly", "Basic", 49m, "month", 1),
        ("pro-monthly", "Pro", 99m, "month", 1),
        ("team-quarterly", "Team", 299m, "month", 3),
        ("basic-annual", "Basic (annual)", 499m, "year", 1),
        ("pro-annual", "Pro (annual)", 999m, "year", 1),
        ("weekly-box", "Weekly box", 25m, "week", 1),
        ("extra-seat", "Extra seat", 15m, "month", 1),
        ("enterprise-monthly", "Enterprise", 1499m, "month", 1),
    ];

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
            var issued = start.AddDays(random.Next(5 * 365));
            var status = random.Next(100) switch { < 94 => "paid", < 96 => "open", < 98 => "void", < 99 => "refunded", _ => "draft" };
            var items = random.Next(100) switch { < 80 => 1, < 95 => 2, _ => 3 };
            for (var item = 0; item < items && written < lineCount; item++, written++)
            {
                WriteLine(writer, random, new Invoice(invoice, customer, issued, status), item, written);
            }
        }
    }

    private static void WriteLine(StreamWriter w, Random random, Invoice invoice, int item, int line)
    {
        var plan = Plans[(invoice.Customer + (item * 3)) % Plans.Length];
        var currency = invoice.Customer % 20 == 0 ? "USD" : invoice.Customer % 50 == 1 ? "JPY" : "EUR";
        var kind = random.Next(100);
        var (oneTime, proration) = (kind < 2, kind is >= 2 and < 5);
        var quantity = plan.Product == "Extra seat" ? 1 + random.Next(9) : 1;
        var amount = plan.Price * quantity * (currency == "JPY" ? 100 : 1);
        var (from, to) = Period(invoice.Issued, plan.Interval, plan.Count);
        if (proration)
        {
            from = from.AddDays((to - from).Days / 4 * random.Next(1, 4));
            amount = -amount / 2;
        }

        var discount = !proration && random.Next(10) == 0 ? amount / 10 : 0m;
        var cus = invoice.Customer.ToString("D7", CultureInfo.InvariantCulture);
        w.Write("li_"); w.Write(line.ToString("D10", CultureInfo.InvariantCulture));
        w.Write(",inv_"); w.Write(invoice.Number.ToString("D8", CultureInfo.InvariantCulture));
        w.Write(",cus_"); w.Write(cus); w.Write(",Customer "); w.Write(cus); w.Write(" B.V.,");
        w.Write(Countries[invoice.Customer % Countries.Length]); w.Write(',');
        if (!oneTime)
        {
            w.Write("sub_"); w.Write(cus); w.Write('_'); w.Write(item.ToString(CultureInfo.InvariantCulture));
        }

        w.Write(','); w.Write(oneTime ? "onboarding" : plan.Plan); w.Write(','); w.Write(oneTime ? "Onboarding" : plan.Product);
        w.Write(oneTime ? ",one_time," : proration ? ",proration," : ",recurring,");
        w.Write(quantity.ToString(CultureInfo.InvariantCulture)); w.Write(',');
        w.Write(Money(amount, currency)); w.Write(','); w.Write(Money(discount, currency)); w.Write(',');
        w.Write(Money(decimal.Round((amount - discount) * 0.21m, currency == "JPY" ? 0 : 2), currency)); w.Write(',');
        w.Write(currency); w.Write(',');
        w.Write(oneTime ? "," : string.Concat(plan.Interval, ",", plan.Count.ToString(CultureInfo.InvariantCulture))); w.Write(',');
        w.Write(Date(oneTime ? invoice.Issued : from)); w.Write(','); w.Write(Date(oneTime ? invoice.Issued.AddDays(1) : to)); w.Write(',');
        w.Write(Date(invoice.Issued)); w.Write(','); w.Write(Date(invoice.Issued.AddDays(14))); w.Write(',');
        w.Write(invoice.Status); w.Write(',');
        w.Write(invoice.Status == "refunded" ? Date(invoice.Issued.AddDays(20)) : string.Empty);
        w.Write('\n');
    }

    private static (DateTime From, DateTime To) Period(DateTime issued, string interval, int count) => interval switch
    {
        "week" => (issued, issued.AddDays(7 * count)),
        "year" => (issued, issued.AddYears(count)),
        _ => (issued, issued.AddMonths(count)),
    };

    private static string Money(decimal amount, string currency) =>
        amount.ToString(currency == "JPY" ? "0" : "0.00", CultureInfo.InvariantCulture);

    private static string Date(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private readonly record struct Invoice(int Number, int Customer, DateTime Issued, string Status);
}
