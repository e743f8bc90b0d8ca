using System.Globalization;
using System.Text;
using Pipeline.Domain;

namespace Pipeline.Benchmarks;

/// <summary>Writes revenue lines and exchange rates as the canonical CSV files finance would drop (README "Input: canonical files").</summary>
/// <remarks>
/// <para>
/// Revenue lines get the columns <c>line_id, customer_id, subscription_id, plan, line_type, amount, discount,
/// currency, interval, interval_count, service_start, service_end, issued_at, due_at, status, refunded_at</c>. A cell
/// whose value is the canonical default is left empty (line type recurring, discount 0), so the file is no larger than
/// an export would be; every other field of <see cref="RevenueLine"/> that the canonical format has is written as set.
/// Amounts use the invariant culture with at least two decimals; instants are <c>yyyy-MM-dd</c> when they are midnight
/// UTC (the business time zone of the benchmark) and ISO 8601 UTC instants otherwise. Text is quoted only when it
/// must be.
/// </para>
/// <para>
/// Rates are written as <c>date,base,quote,rate</c> (1 base = rate quote). The same lines always give the same bytes:
/// UTF-8 without a byte-order mark, <c>\n</c> line ends.
/// </para>
/// </remarks>
internal static class CanonicalLedgerCsv
{
    public const string RevenueLinesHeader =
        "line_id,customer_id,subscription_id,plan,line_type,amount,discount,currency,interval,interval_count," +
        "service_start,service_end,issued_at,due_at,status,refunded_at";

    public const string RatesHeader = "date,base,quote,rate";

    public static void WriteRevenueLines(string path, IReadOnlyList<RevenueLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        using var writer = Create(path);
        writer.Write(RevenueLinesHeader);
        writer.Write('\n');
        foreach (var line in lines)
        {
            WriteText(writer, line.LineKey);
            writer.Write(',');
            WriteText(writer, line.CustomerId);
            writer.Write(',');
            WriteText(writer, line.SubscriptionId);
            writer.Write(',');
            WriteText(writer, line.Plan);
            writer.Write(',');
            writer.Write(line.LineType == LineType.Recurring ? string.Empty : LineTypeWord(line.LineType));
            writer.Write(',');
            writer.Write(Amount(line.Amount));
            writer.Write(',');
            writer.Write(line.Discount == 0m ? string.Empty : Amount(line.Discount));
            writer.Write(',');
            writer.Write(line.Currency.Code);
            writer.Write(',');
            if (line.Interval is { } interval)
            {
                writer.Write(IntervalWord(interval.Unit));
                writer.Write(',');
                writer.Write(interval.Count.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                writer.Write(',');
            }

            writer.Write(',');
            writer.Write(Instant(line.ServiceStart));
            writer.Write(',');
            writer.Write(Instant(line.ServiceEnd));
            writer.Write(',');
            writer.Write(Instant(line.IssuedAt));
            writer.Write(',');
            writer.Write(Instant(line.DueAt));
            writer.Write(',');
            writer.Write(StatusWord(line.Status));
            writer.Write(',');
            writer.Write(Instant(line.RefundedAt));
            writer.Write('\n');
        }
    }

    public static void WriteRates(string path, IReadOnlyList<ExchangeRate> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        using var writer = Create(path);
        writer.Write(RatesHeader);
        writer.Write('\n');
        foreach (var rate in rates)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{rate.Date:yyyy-MM-dd},{rate.Base.Code},{rate.Quote.Code},{rate.Rate}\n"));
        }
    }

    private static StreamWriter Create(string path) =>
        new(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);

    private static string Amount(decimal amount) => amount.ToString("0.00##########", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset? instant)
    {
        if (instant is not { } value)
        {
            return string.Empty;
        }

        var utc = value.ToUniversalTime();
        return utc.TimeOfDay == TimeSpan.Zero
            ? utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    private static void WriteText(StreamWriter writer, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(text);
            return;
        }

        writer.Write('"');
        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    private static string LineTypeWord(LineType type) => type switch
    {
        LineType.OneTime => "one_time",
        LineType.Usage => "usage",
        LineType.Trial => "trial",
        LineType.Proration => "proration",
        LineType.Credit => "credit",
        _ => throw new NotSupportedException($"Line type {type} has no canonical word."),
    };

    private static string IntervalWord(IntervalUnit unit) => unit switch
    {
        IntervalUnit.Day => "day",
        IntervalUnit.Week => "week",
        IntervalUnit.Month => "month",
        IntervalUnit.Year => "year",
        _ => throw new NotSupportedException($"Interval unit {unit} has no canonical word."),
    };

    private static string StatusWord(DocumentStatus status) => status switch
    {
        DocumentStatus.Paid => "paid",
        DocumentStatus.Open => "open",
        DocumentStatus.PastDue => "past_due",
        DocumentStatus.Uncollectible => "uncollectible",
        DocumentStatus.Void => "void",
        DocumentStatus.Draft => "draft",
        DocumentStatus.Canceled => "canceled",
        DocumentStatus.Refunded => "refunded",
        _ => throw new NotSupportedException($"Status {status} has no canonical word."),
    };
}
