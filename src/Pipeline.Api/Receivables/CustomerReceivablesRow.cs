using Pipeline.Application.Receivables;

namespace Pipeline.Api.Receivables;

/// <summary>One customer's receivables at a month end (<c>per=customer</c>), the same in JSON and CSV.</summary>
public sealed record CustomerReceivablesRow
{
    public required string Month { get; init; }

    public required string Currency { get; init; }

    public required string CustomerId { get; init; }

    public string? Name { get; init; }

    public required string Dimension { get; init; }

    public required string Segment { get; init; }

    /// <summary>Invoices with an unpaid balance.</summary>
    public int Invoices { get; init; }

    public decimal NotYetDue { get; init; }

    public decimal Days1To30 { get; init; }

    public decimal Days31To60 { get; init; }

    public decimal Days61To90 { get; init; }

    public decimal Over90 { get; init; }

    public decimal Total { get; init; }

    public decimal InvoicedLastThreeMonths { get; init; }

    public decimal? Dso { get; init; }

    public int? OldestDaysPastDue { get; init; }

    public static CustomerReceivablesRow From(CustomerReceivables customer, ReceivablesReport report)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(report);
        var totals = ReceivablesRow.Rounded(customer.Totals, report.Aging.Currency);
        return new CustomerReceivablesRow
        {
            Month = report.Aging.Month.ToString(),
            Currency = report.Aging.Currency.Code,
            CustomerId = customer.CustomerId,
            Name = customer.Name,
            Dimension = customer.Dimension,
            Segment = customer.Segment,
            Invoices = totals.Invoices,
            NotYetDue = totals.NotYetDue,
            Days1To30 = totals.Days1To30,
            Days31To60 = totals.Days31To60,
            Days61To90 = totals.Days61To90,
            Over90 = totals.Over90,
            Total = totals.Total,
            InvoicedLastThreeMonths = totals.InvoicedLastThreeMonths,
            Dso = totals.Dso,
            OldestDaysPastDue = totals.OldestDaysPastDue,
        };
    }
}
