using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Stripe;

/// <summary>Reads a Stripe invoices export (EXPORTS.md B1.2) into invoice documents and customer records.</summary>
/// <remarks>
/// An invoice is too coarse for MRR (it mixes recurring, one-time and proration items), so this export gives only the
/// status of each invoice, for the lines already in the ledger, its totals for reconciliation, and the customer's
/// name, e-mail and billing country. <c>Voided At (UTC)</c> or <c>Marked Uncollectible At (UTC)</c> is when the status
/// changed. <c>Total</c> is major units, tax included; a decimal comma is accepted.
/// </remarks>
internal sealed class StripeInvoiceCsvReader : IExportRowReader
{
    private const string AmountExpected = "an amount in major units such as 59.29 or 59,29";

    private static readonly Dictionary<string, DocumentStatus> Statuses = new()
    {
        ["draft"] = DocumentStatus.Draft,
        ["open"] = DocumentStatus.Open,
        ["paid"] = DocumentStatus.Paid,
        ["uncollectible"] = DocumentStatus.Uncollectible,
        ["void"] = DocumentStatus.Void,
    };

    private readonly StripeIdCheck _id;
    private readonly CsvColumn _number;
    private readonly CsvColumn _customerId;
    private readonly CsvColumn _subscription;
    private readonly WordColumn<DocumentStatus> _status;
    private readonly CsvColumn _currencyColumn;
    private readonly CurrencyColumn _currency;
    private readonly DecimalColumn _total;
    private readonly InstantColumn _date;
    private readonly InstantColumn _dueDate;
    private readonly InstantColumn _voidedAt;
    private readonly InstantColumn _uncollectibleAt;
    private readonly StripeCustomerColumns _customer;
    private readonly CustomerRecordStream _customers = new();
    private readonly StringPool _ids = new();
    private readonly List<InvoiceDocument> _documents = [];

    public StripeInvoiceCsvReader(CsvHeader header, CsvLayout layout, ExportParseOptions options)
    {
        var zone = options.BusinessTimeZone;
        InstantColumn Utc(string name) => new(header.Column(name), zone, layout, TimeZoneInfo.Utc);
        _id = new StripeIdCheck(header.Column(StripeColumns.Id), "invoice", "in_");
        _number = header.Column(StripeColumns.Number);
        _customerId = header.Column(StripeColumns.Customer);
        _subscription = header.Column(StripeColumns.Subscription);
        _status = new WordColumn<DocumentStatus>(header.Column(StripeColumns.Status), Statuses, "an invoice status",
            "draft, open, paid, uncollectible or void");
        _currencyColumn = header.Column(StripeColumns.Currency);
        _currency = new CurrencyColumn(_currencyColumn, reportingCurrency: null);
        _total = new DecimalColumn(header.Column(StripeColumns.Total), layout.DecimalCommaByDefault, AmountExpected, moneyText: true);
        _date = Utc(StripeColumns.Date);
        _dueDate = Utc(StripeColumns.DueDate);
        _voidedAt = Utc(StripeColumns.VoidedAt);
        _uncollectibleAt = Utc(StripeColumns.MarkedUncollectibleAt);
        _customer = new StripeCustomerColumns(
            [header.Column(StripeColumns.CustomerName)], header.Column(StripeColumns.CustomerEmail),
            header.Column(StripeColumns.CustomerAddressCountry), createdAt: null, metadata: null);
    }

    public CustomerRecordStream Customers => _customers;

    public IReadOnlyList<InvoiceDocument> Documents => _documents;

    public IReadOnlyList<string> Warnings => _id.Warning is { } warning ? [warning] : [];

    public void Read(CsvRecord record)
    {
        var id = _id.Read(record);
        var status = _status.Read(record, emptyMessage: "Status is empty: expected draft, open, paid, uncollectible or void.");
        var customerId = record.Text(_customerId, _ids);
        var customer = customerId is null ? null : _customer.Read(record, customerId);
        var currency = record.Span(_currencyColumn).IsEmpty ? null : _currency.Read(record);
        var total = _total.Read(record);
        var issuedAt = _date.ReadRequired(record, "Date (UTC) is empty: every invoice needs the date it was issued.");
        var dueAt = _dueDate.Read(record);
        var voidedAt = _voidedAt.Read(record);
        var uncollectibleAt = _uncollectibleAt.Read(record);
        if (record.HasErrors || id is null || status is null)
        {
            return;
        }

        _documents.Add(new InvoiceDocument
        {
            InvoiceId = id,
            Number = record.Text(_number),
            CustomerId = customerId,
            SubscriptionId = record.Text(_subscription, _ids),
            Status = status.Value,
            IssuedAt = issuedAt,
            DueAt = dueAt,
            StatusChangedAt = status switch
            {
                DocumentStatus.Void => voidedAt,
                DocumentStatus.Uncollectible => uncollectibleAt,
                _ => null,
            },
            Currency = currency,
            Total = total,
            RowNumber = record.Row,
        });
        if (customer is not null)
        {
            _customers.Add(customer);
        }
    }
}
