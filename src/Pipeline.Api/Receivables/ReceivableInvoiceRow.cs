using System.Globalization;
using Pipeline.Application.Receivables;
using Pipeline.Domain.Receivables;

namespace Pipeline.Api.Receivables;

/// <summary>One invoice with an unpaid balance at a month end (<c>per=invoice</c>): where the figures come from.</summary>
/// <remarks>
/// <see cref="Total"/>, <see cref="PaidByMonthEnd"/> and <see cref="Balance"/> are in the invoice's own currency
/// (<see cref="InvoiceCurrency"/>), <see cref="ReportedBalance"/> in the reporting currency at the month end's rate.
/// </remarks>
public sealed record ReceivableInvoiceRow
{
    public required string Month { get; init; }

    public required string Currency { get; init; }

    public required string InvoiceId { get; init; }

    public required string CustomerId { get; init; }

    public required string Dimension { get; init; }

    public required string Segment { get; init; }

    /// <summary><c>paid</c> (paid after the month end), <c>open</c> or <c>past_due</c>, as the exports give it now.</summary>
    public required string Status { get; init; }

    /// <summary>yyyy-MM-dd in the business time zone.</summary>
    public required string IssuedOn { get; init; }

    /// <summary>yyyy-MM-dd in the business time zone.</summary>
    public required string DueOn { get; init; }

    public int DaysPastDue { get; init; }

    /// <summary><c>notYetDue</c>, <c>days1To30</c>, <c>days31To60</c>, <c>days61To90</c> or <c>over90</c>.</summary>
    public required string Bucket { get; init; }

    public required string InvoiceCurrency { get; init; }

    public decimal Total { get; init; }

    public decimal PaidByMonthEnd { get; init; }

    public decimal Balance { get; init; }

    public decimal ReportedBalance { get; init; }

    /// <summary>The source row of its first line (or of its invoice record).</summary>
    public long RowNumber { get; init; }

    /// <summary>The close version of the month the figures are as of (computed from the imports that close read); empty for an open month.</summary>
    public int? CloseVersion { get; init; }

    public static ReceivableInvoiceRow From(Invoice invoice, ReceivablesReport report)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(report);
        var currency = report.Aging.Currency;
        return new ReceivableInvoiceRow
        {
            Month = report.Aging.Month.ToString(),
            Currency = currency.Code,
            InvoiceId = invoice.InvoiceId,
            CustomerId = invoice.CustomerId,
            Dimension = report.Dimension,
            Segment = report.SegmentOf(invoice),
            Status = invoice.Status switch
            {
                Domain.DocumentStatus.PastDue => "past_due",
                var status => status.ToString().ToLowerInvariant(),
            },
            IssuedOn = Day(invoice.IssuedAt, report.TimeZone),
            DueOn = Day(invoice.DueAt, report.TimeZone),
            DaysPastDue = invoice.DaysPastDue,
            Bucket = BucketName(invoice.Bucket),
            InvoiceCurrency = invoice.Currency.Code,
            Total = invoice.Currency.Round(invoice.Total),
            PaidByMonthEnd = invoice.Currency.Round(invoice.PaidByMonthEnd),
            Balance = invoice.Currency.Round(invoice.Balance),
            ReportedBalance = currency.Round(invoice.ReportedBalance),
            RowNumber = invoice.RowNumber,
            CloseVersion = report.CloseVersion,
        };
    }

    /// <summary>The bucket's name in the rows, as the amount columns of <see cref="ReceivablesRow"/> are named.</summary>
    public static string BucketName(AgingBucket bucket) => bucket switch
    {
        AgingBucket.NotYetDue => "notYetDue",
        AgingBucket.Days1To30 => "days1To30",
        AgingBucket.Days31To60 => "days31To60",
        AgingBucket.Days61To90 => "days61To90",
        _ => "over90",
    };

    private static string Day(DateTimeOffset instant, TimeZoneInfo timeZone) =>
        TimeZoneInfo.ConvertTime(instant, timeZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
