using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Stripe;

/// <summary>Reads a Stripe customers export (EXPORTS.md B1.5) into customer records.</summary>
/// <remarks>
/// Master data only: <c>Name</c> (else <c>Description</c>), <c>Email</c>, <c>Address Country</c> when present,
/// <c>Created (UTC)</c>, and the acquisition channel, segment and campaign from the <c>(metadata)</c> columns.
/// </remarks>
internal sealed class StripeCustomerCsvReader : IExportRowReader
{
    private readonly StripeIdCheck _id;
    private readonly StripeCustomerColumns _customer;
    private readonly CustomerRecordStream _customers = new();

    public StripeCustomerCsvReader(CsvHeader header, CsvLayout layout, ExportParseOptions options)
    {
        _id = new StripeIdCheck(header.Column(StripeColumns.Id), "customer", "cus_");
        _customer = new StripeCustomerColumns(
            [header.Column(StripeColumns.Name), header.Column(StripeColumns.Description)], header.Column(StripeColumns.Email),
            header.Column(StripeColumns.AddressCountry),
            new InstantColumn(header.Column(StripeColumns.Created), options.BusinessTimeZone, layout, TimeZoneInfo.Utc),
            new StripeMetadataColumns(header));
    }

    public CustomerRecordStream Customers => _customers;

    public IReadOnlyList<string> Warnings => _id.Warning is { } warning ? [warning] : [];

    public void Read(CsvRecord record)
    {
        var id = _id.Read(record);
        if (id is null)
        {
            return;
        }

        var customer = _customer.Read(record, id);
        if (!record.HasErrors)
        {
            _customers.Add(customer ?? new CustomerRecord { CustomerId = id, RowNumber = record.Row });
        }
    }
}
