using Pipeline.Domain;
using Pipeline.Domain.Receivables;

namespace Pipeline.Application.Ledger;

/// <summary>A tenant's invoice lines as receivables read them, with the records that go with them.</summary>
/// <param name="Lines">The latest version of every invoice line, its document's latest status applied, in source order.</param>
/// <param name="Documents">Invoice status records, a later import replacing an earlier record of the same invoice.</param>
/// <param name="Movements">Payments, refunds and credits, in import order.</param>
/// <param name="Customers">Customer master data.</param>
/// <param name="Rates">Exchange rates in import order.</param>
public sealed record InvoiceLedger(
    IReadOnlyList<InvoiceLine> Lines,
    IReadOnlyList<InvoiceDocument> Documents,
    IReadOnlyList<MoneyMovement> Movements,
    IReadOnlyDictionary<string, CustomerRecord> Customers,
    IReadOnlyList<ExchangeRate> Rates);
