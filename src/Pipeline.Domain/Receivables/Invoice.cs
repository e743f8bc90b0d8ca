namespace Pipeline.Domain.Receivables;

/// <summary>One invoice as the ledger knows it, with what of it was unpaid at a month end (METRICS.md §10).</summary>
/// <remarks>
/// Amounts are in the invoice's currency (<see cref="Total"/>, <see cref="PaidByMonthEnd"/>, <see cref="Balance"/>) and
/// in the reporting currency at the month end's rate (<see cref="ReportedTotal"/>, <see cref="ReportedBalance"/>).
/// </remarks>
public sealed record Invoice
{
    /// <summary>The source invoice id; <c>line:</c> and the line key for a revenue line that names no invoice.</summary>
    public required string InvoiceId { get; init; }

    public required string CustomerId { get; init; }

    public required CurrencyCode Currency { get; init; }

    /// <summary>The latest status the exports give (the invoices export's, else the lines').</summary>
    public required DocumentStatus Status { get; init; }

    /// <summary>The issue date; the earliest service start of its lines when no export gives one.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The month of <see cref="IssuedAt"/> in the business time zone.</summary>
    public required BillingMonth IssuedMonth { get; init; }

    /// <summary>The due date; the issue date (due on receipt) when no export gives one.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>What the customer owes, tax included: the invoices export's total, else its lines' net amount plus tax.</summary>
    public required decimal Total { get; init; }

    /// <summary>Payments linked to the invoice that occurred by the month end.</summary>
    public required decimal PaidByMonthEnd { get; init; }

    /// <summary>The unpaid balance at the month end: 0 for an invoice that is neither open nor past due nor paid after it.</summary>
    public required decimal Balance { get; init; }

    public required decimal ReportedTotal { get; init; }

    public required decimal ReportedBalance { get; init; }

    /// <summary>Whole days from the due date to the month end (negative before the due date).</summary>
    public required int DaysPastDue { get; init; }

    public required AgingBucket Bucket { get; init; }

    /// <summary>The plan of its first line (null for an invoice known only from the invoices export).</summary>
    public string? Plan { get; init; }

    /// <summary>The product of its first line.</summary>
    public string? Product { get; init; }

    /// <summary>The source row of its first line (or of its invoice record), to trace it back to the export.</summary>
    public long RowNumber { get; init; }
}
