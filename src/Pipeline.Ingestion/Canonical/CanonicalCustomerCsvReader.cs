using Pipeline.Domain;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Canonical;

/// <summary>Reads the rows of a canonical customers file (EXPORTS.md A2) into customer records.</summary>
/// <remarks>A customer id that occurs again updates the earlier record field by field (an empty cell keeps the old value).</remarks>
internal sealed class CanonicalCustomerCsvReader(CsvHeader header, ExportParseOptions options) : IExportRowReader
{
    private readonly CsvColumn _customerId = header.Column(CanonicalColumns.CustomerId);
    private readonly CustomerAttributeColumns _attributes = CustomerAttributeColumns.ForCustomers(header, options.BusinessTimeZone);
    private readonly CustomerRecordStream _customers = new();

    public CustomerRecordStream Customers => _customers;

    public void Read(CsvRecord record)
    {
        var customerId = record.Text(_customerId);
        if (customerId is null)
        {
            record.Fail(_customerId, "customer_id is empty: every customer needs the id it has in the billing system.");
            return;
        }

        var customer = _attributes.Read(record, customerId);
        if (!record.HasErrors)
        {
            _customers.Add(customer ?? new CustomerRecord { CustomerId = customerId, RowNumber = record.Row });
        }
    }
}
