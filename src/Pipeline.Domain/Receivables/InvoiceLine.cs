namespace Pipeline.Domain.Receivables;

/// <summary>What receivables need of one revenue line (its latest version, its document's latest status): far less than the line.</summary>
/// <param name="InvoiceKey">The invoice id; <c>line:</c> and the line key for a line that names no invoice.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Currency">The line's currency.</param>
/// <param name="Owed">Net amount plus tax, in <paramref name="Currency"/>.</param>
/// <param name="IssuedAt">The invoice date, when the export gives one.</param>
/// <param name="DueAt">The due date, when the export gives one.</param>
/// <param name="ServiceStart">The start of the service period (the issue date when there is none).</param>
/// <param name="Status">The document's latest status.</param>
/// <param name="Plan">The plan.</param>
/// <param name="Product">The product.</param>
/// <param name="RowNumber">The source row.</param>
public readonly record struct InvoiceLine(
    string InvoiceKey,
    string CustomerId,
    CurrencyCode Currency,
    decimal Owed,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset ServiceStart,
    DocumentStatus Status,
    string? Plan,
    string? Product,
    long RowNumber)
{
    public static InvoiceLine From(RevenueLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new InvoiceLine(
            line.InvoiceId ?? string.Concat("line:", line.LineKey), line.CustomerId, line.Currency, line.Net + line.Tax, line.IssuedAt, line.DueAt,
            line.ServiceStart, line.Status, line.Plan, line.Product, line.RowNumber);
    }
}
