using Pipeline.Application.Receivables;
using Pipeline.Domain;
using Pipeline.Domain.Receivables;

namespace Pipeline.Api.Receivables;

/// <summary>The receivables of one segment at a month end (METRICS.md §10), the same in JSON and CSV.</summary>
/// <remarks>Amounts in the reporting currency at the month end's rate, rounded to its minor unit; DSO in days, one decimal.</remarks>
public sealed record ReceivablesRow
{
    public required string Month { get; init; }

    public required string Currency { get; init; }

    public required string Dimension { get; init; }

    public required string Segment { get; init; }

    /// <summary>Customers with an unpaid balance.</summary>
    public int Customers { get; init; }

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

    public static ReceivablesRow From(ReceivablesGroup group, ReceivablesReport report)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(report);
        var totals = Rounded(group.Totals, report.Aging.Currency);
        return new ReceivablesRow
        {
            Month = report.Aging.Month.ToString(),
            Currency = report.Aging.Currency.Code,
            Dimension = group.Dimension,
            Segment = group.Segment,
            Customers = totals.Customers,
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

    /// <summary>The totals with every amount rounded to the currency's minor unit (DSO from the exact amounts).</summary>
    internal static ReceivablesTotals Rounded(ReceivablesTotals totals, CurrencyCode currency) => totals with
    {
        NotYetDue = currency.Round(totals.NotYetDue),
        Days1To30 = currency.Round(totals.Days1To30),
        Days31To60 = currency.Round(totals.Days31To60),
        Days61To90 = currency.Round(totals.Days61To90),
        Over90 = currency.Round(totals.Over90),
        Total = currency.Round(totals.Total),
        InvoicedLastThreeMonths = currency.Round(totals.InvoicedLastThreeMonths),
    };
}
