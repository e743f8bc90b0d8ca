using Pipeline.Domain;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion;

/// <summary>Turns the data rows of one file into ledger records, reporting bad values on the row.</summary>
/// <remarks>A reader fills only the lists of its own format; the others stay empty.</remarks>
internal interface IExportRowReader
{
    IReadOnlyList<RevenueLine> Lines { get; }

    IReadOnlyList<CustomerRecord> Customers { get; }

    IReadOnlyList<SpendRecord> Spend { get; }

    IReadOnlyList<ExchangeRate> Rates { get; }

    /// <summary>Payments, refunds and credits (payments exports).</summary>
    IReadOnlyList<MoneyMovement> Movements => [];

    /// <summary>Invoice statuses and totals (invoices exports).</summary>
    IReadOnlyList<InvoiceDocument> Documents => [];

    /// <summary>Notes about the file as a whole that do not make a row bad; complete once every row is read.</summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>Reads one non-blank row; a row with any error (see <see cref="CsvRecord.HasErrors"/>) adds no record.</summary>
    void Read(CsvRecord record);
}
