using Pipeline.Domain;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion;

/// <summary>Turns the data rows of one file into ledger records, reporting bad values on the row.</summary>
internal interface IExportRowReader
{
    IReadOnlyList<RevenueLine> Lines { get; }

    IReadOnlyList<CustomerRecord> Customers { get; }

    /// <summary>Reads one non-blank row; a row with any error (see <see cref="CsvRecord.HasErrors"/>) adds no record.</summary>
    void Read(CsvRecord record);
}
