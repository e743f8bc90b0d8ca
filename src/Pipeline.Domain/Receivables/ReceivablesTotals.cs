namespace Pipeline.Domain.Receivables;

/// <summary>The aging of a set of invoices at a month end, in the reporting currency (METRICS.md §10).</summary>
public sealed record ReceivablesTotals
{
    /// <summary>Customers with an unpaid balance.</summary>
    public required int Customers { get; init; }

    /// <summary>Invoices with an unpaid balance.</summary>
    public required int Invoices { get; init; }

    public required decimal NotYetDue { get; init; }

    public required decimal Days1To30 { get; init; }

    public required decimal Days31To60 { get; init; }

    public required decimal Days61To90 { get; init; }

    public required decimal Over90 { get; init; }

    /// <summary>The receivables: every unpaid balance.</summary>
    public required decimal Total { get; init; }

    /// <summary>The total of the invoices issued in the month and the two before it.</summary>
    public required decimal InvoicedLastThreeMonths { get; init; }

    /// <summary>Days sales outstanding: <see cref="Total"/> ÷ <see cref="InvoicedLastThreeMonths"/> × 91, to one decimal; null when nothing was invoiced.</summary>
    public required decimal? Dso { get; init; }

    /// <summary>The most days any unpaid balance is past due; null without one.</summary>
    public required int? OldestDaysPastDue { get; init; }
}
