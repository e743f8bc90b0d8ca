using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Canonical;

/// <summary>Reads the rows of a canonical revenue-lines file (EXPORTS.md A1) into revenue lines and customer records.</summary>
/// <remarks>
/// Amounts are major units; defaults are line type recurring, quantity 1, discount 0, tax 0 and status paid.
/// Every value of a row is checked, so all its problems are reported at once; a row with any problem adds nothing.
/// Without a <c>line_id</c> the key is the hash of the row's values, so re-reading the same file gives the same keys.
/// </remarks>
internal sealed class CanonicalRevenueLineCsvReader : IExportRowReader
{
    private const string AmountExpected = "an amount in major units such as 1234.56, 1.234,56 or -19,00, without a currency symbol";

    private readonly CsvColumn _customerId;
    private readonly CsvColumn _lineId;
    private readonly CsvColumn _invoiceId;
    private readonly CsvColumn _subscriptionId;
    private readonly CsvColumn _plan;
    private readonly CsvColumn _product;
    private readonly WordColumn<LineType> _lineType;
    private readonly WordColumn<DocumentStatus> _status;
    private readonly CurrencyColumn _currency;
    private readonly DecimalColumn _quantity;
    private readonly DecimalColumn _amount;
    private readonly DecimalColumn _discount;
    private readonly DecimalColumn _tax;
    private readonly InstantColumn _issuedAt;
    private readonly InstantColumn _dueAt;
    private readonly InstantColumn _refundedAt;
    private readonly ServicePeriodColumns _period;
    private readonly CustomerAttributeColumns _customer;
    private readonly CustomerRecordStream _customers = new();
    private readonly StringPool _labels = new();
    private readonly PendingLines _lines = new();
    private readonly bool _prefetchCustomers;

    public CanonicalRevenueLineCsvReader(CsvHeader header, CsvLayout layout, ExportParseOptions options)
    {
        var timeZone = options.BusinessTimeZone;
        var comma = layout.DecimalCommaByDefault;
        _customerId = header.Column(CanonicalColumns.CustomerId);
        _lineId = header.Column(CanonicalColumns.LineId);
        _invoiceId = header.Column(CanonicalColumns.InvoiceId);
        _subscriptionId = header.Column(CanonicalColumns.SubscriptionId);
        _plan = header.Column(CanonicalColumns.Plan);
        _product = header.Column(CanonicalColumns.Product);
        _lineType = new WordColumn<LineType>(header.Column(CanonicalColumns.LineType), CanonicalVocabulary.LineTypeWords, "a line type",
            CanonicalVocabulary.LineTypes);
        _currency = new CurrencyColumn(header.Column(CanonicalColumns.Currency), options.ReportingCurrency);
        _status = new WordColumn<DocumentStatus>(header.Column(CanonicalColumns.Status), CanonicalVocabulary.StatusWords, "a status",
            CanonicalVocabulary.Statuses);
        _quantity = new DecimalColumn(header.Column(CanonicalColumns.Quantity), comma, "a number such as 1, 2.5 or 2,5");
        _amount = new DecimalColumn(header.Column(CanonicalColumns.Amount), comma, AmountExpected);
        _discount = new DecimalColumn(header.Column(CanonicalColumns.Discount), comma, AmountExpected);
        _tax = new DecimalColumn(header.Column(CanonicalColumns.Tax), comma, AmountExpected);
        _issuedAt = new InstantColumn(header.Column(CanonicalColumns.IssuedAt), timeZone);
        _dueAt = new InstantColumn(header.Column(CanonicalColumns.DueAt), timeZone);
        _refundedAt = new InstantColumn(header.Column(CanonicalColumns.RefundedAt), timeZone);
        _period = new ServicePeriodColumns(header, timeZone);
        _customer = CustomerAttributeColumns.ForRevenueLines(header);
        _prefetchCustomers = _customer.HasColumns;
    }

    public PendingLines Lines => _lines;

    public CustomerRecordStream Customers => _customers;

    public void Read(CsvRecord record)
    {
        var customerSpan = record.Span(_customerId);
        var customerId = customerSpan.IsEmpty ? null : _customers.Id(customerSpan);
        if (customerId is null)
        {
            record.Fail(_customerId, "customer_id is empty: every line needs the id of its customer.");
        }
        else if (_prefetchCustomers)
        {
            _customers.Prefetch(customerId);
        }

        var lineType = _lineType.Read(record, whenEmpty: LineType.Recurring) ?? LineType.Recurring;
        var status = _status.Read(record, whenEmpty: DocumentStatus.Paid) ?? DocumentStatus.Paid;
        var quantity = _quantity.Read(record) ?? 1m;
        var amount = _amount.ReadRequired(record, "amount is empty: every line needs its total before discount, excluding tax.");
        var discount = ReadDiscount(record);
        var tax = _tax.Read(record) ?? 0m;
        var currency = _currency.Read(record);
        var period = _period.Read(record, lineType);
        var refundedAt = ReadRefundedAt(record, status);
        var issuedAt = _issuedAt.Read(record);
        var dueAt = _dueAt.Read(record);
        var (customer, customerHash, valuesHash) = customerId is null ? default : ReadCustomer(record, customerId);
        if (record.HasErrors || customerId is null || amount is null || currency is null || period is null)
        {
            return;
        }

        _lines.Add(new RevenueLine
        {
            LineKey = record.Text(_lineId) ?? record.ContentHash(),
            CustomerId = customerId,
            InvoiceId = record.Text(_invoiceId),
            SubscriptionId = record.Text(_subscriptionId),
            Plan = record.Text(_plan, _labels),
            Product = record.Text(_product, _labels),
            LineType = lineType,
            Quantity = quantity,
            Amount = amount.Value,
            Discount = discount,
            Tax = tax,
            Currency = currency.Value,
            Interval = period.Value.Interval,
            IntervalInferred = period.Value.IntervalInferred,
            ServiceStart = period.Value.Start,
            ServiceEnd = period.Value.End,
            IssuedAt = issuedAt,
            DueAt = dueAt,
            Status = status,
            RefundedAt = refundedAt,
            RowNumber = record.Row,
        });
        if (customer is not null)
        {
            _customers.Add(customer, customerHash, valuesHash);
        }
    }

    /// <summary>
    /// The row's customer attributes, or null when it has none or they repeat the customer's last record (compared by
    /// their hashes, which the record is added with).
    /// </summary>
    private (CustomerRecord? Customer, ulong CustomerHash, ulong ValuesHash) ReadCustomer(CsvRecord record, string customerId)
    {
        var values = _customer.ValuesHash(record, customerId, out var none);
        return none || !_customers.Changes(customerId, values, out var customer) ? default : (_customer.Read(record, customerId), customer, values);
    }

    private decimal ReadDiscount(CsvRecord record)
    {
        var discount = _discount.Read(record) ?? 0m;
        if (discount >= 0m)
        {
            return discount;
        }

        record.Fail(_discount.Column, string.Concat("'", record.Written(_discount.Column),
            "' is a negative discount: a discount is zero or more (put a refund or credit on a line of its own)."));
        return 0m;
    }

    private DateTimeOffset? ReadRefundedAt(CsvRecord record, DocumentStatus status)
    {
        var refundedAt = _refundedAt.Read(record);
        if (status == DocumentStatus.Refunded && refundedAt is null && record.Span(_refundedAt.Column).IsEmpty)
        {
            record.Fail(_refundedAt.Column, "status is refunded but refunded_at is empty: fill in the date of the refund.");
        }

        return refundedAt;
    }
}
