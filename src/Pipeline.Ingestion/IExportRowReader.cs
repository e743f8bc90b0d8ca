using Pipeline.Domain;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion;

/// <summary>Turns the data rows of one file into ledger records, reporting bad values on the row.</summary>
/// <remarks>A reader fills only the lists of its own format (it overrides those); the others stay empty.</remarks>
internal interface IExportRowReader
{
    /// <summary>Revenue lines read and not yet handed on (revenue-line and subscription exports); null for other formats.</summary>
    /// <remarks>The parser takes them in chunks while it reads, so a reader never holds a whole file's lines.</remarks>
    PendingLines? Lines => null;

    /// <summary>Customer master data (customers files, and attribute columns of line files), handed on as it is read; null for other formats.</summary>
    /// <remarks>The parser takes the records in chunks while it reads, as it takes the lines.</remarks>
    CustomerRecordStream? Customers => null;

    /// <summary>Sales and marketing spend (spend files and ad-platform reports).</summary>
    IReadOnlyList<SpendRecord> Spend => [];

    /// <summary>Survey answers (survey files, and survey tools' exports through a profile).</summary>
    IReadOnlyList<SurveyResponse> Responses => [];

    /// <summary>Exchange rates (rates files).</summary>
    IReadOnlyList<ExchangeRate> Rates => [];

    /// <summary>Payments, refunds and credits (payments exports).</summary>
    IReadOnlyList<MoneyMovement> Movements => [];

    /// <summary>Invoice statuses and totals (invoices exports).</summary>
    IReadOnlyList<InvoiceDocument> Documents => [];

    /// <summary>Notes about the file as a whole that do not make a row bad; complete once every row is read.</summary>
    IReadOnlyList<string> Warnings => [];

    /// <summary>Reads one non-blank row; a row with any error (see <see cref="CsvRecord.HasErrors"/>) adds no record.</summary>
    void Read(CsvRecord record);
}
