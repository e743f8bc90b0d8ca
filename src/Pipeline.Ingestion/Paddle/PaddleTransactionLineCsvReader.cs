using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Paddle;

/// <summary>Turns the rows of a Paddle Billing transaction line items report into revenue lines and customer records.</summary>
/// <remarks>
/// <para>Amounts are integer strings in minor units of <c>currency_code</c>, as in the Paddle API (EXPORTS.md B3.1):
/// <c>subtotal</c> is the line before discount and tax, so the MRR basis is <c>subtotal − discount</c>.</para>
/// <para>A line is recurring when it has a <c>subscription_id</c> and a billing cycle; one with <c>origin</c>
/// <c>subscription_update</c> whose billing period is shorter than its cycle is a proration; anything else is one-time
/// (served from <c>billing_period_starts_at</c>, else <c>billed_at</c>, else <c>created_at</c>, for one day when it has
/// no period). Status: <c>completed</c>/<c>paid</c> → paid, <c>billed</c> → open, <c>past_due</c> → past due,
/// <c>canceled</c> → canceled, <c>draft</c>/<c>ready</c> → draft. Instants are RFC 3339 (microseconds, <c>Z</c>).</para>
/// <para>Refunds and credits are adjustments in another report, so this format gives no money movements.</para>
/// </remarks>
internal sealed class PaddleTransactionLineCsvReader : IExportRowReader
{
    private const string StatusesExpected = "draft, ready, billed, paid, completed, canceled or past_due";

    private static readonly Dictionary<string, DocumentStatus> Statuses = new()
    {
        ["completed"] = DocumentStatus.Paid,
        ["paid"] = DocumentStatus.Paid,
        ["billed"] = DocumentStatus.Open,
        ["past_due"] = DocumentStatus.PastDue,
        ["canceled"] = DocumentStatus.Canceled,
        ["cancelled"] = DocumentStatus.Canceled,
        ["draft"] = DocumentStatus.Draft,
        ["ready"] = DocumentStatus.Draft,
    };
    private const string AmountExpected = "a whole number of minor units (cents) as in the Paddle API, such as 3000 for 30.00";
    private const string SubscriptionUpdate = "subscription_update";

    private readonly CsvColumn _transactionId;
    private readonly WordColumn<DocumentStatus> _status;
    private readonly CsvColumn _customerId;
    private readonly CsvColumn _email;
    private readonly CsvColumn _country;
    private readonly CsvColumn _businessName;
    private readonly CsvColumn _subscriptionId;
    private readonly CsvColumn _itemId;
    private readonly CsvColumn _productName;
    private readonly CsvColumn _priceId;
    private readonly CsvColumn _origin;
    private readonly DecimalColumn _quantity;
    private readonly MinorUnitColumn _subtotal;
    private readonly MinorUnitColumn _discount;
    private readonly MinorUnitColumn _tax;
    private readonly CurrencyColumn _currency;
    private readonly VendorIntervalColumns _interval;
    private readonly InstantColumn _periodStart;
    private readonly InstantColumn _periodEnd;
    private readonly InstantColumn _billedAt;
    private readonly InstantColumn _createdAt;
    private readonly CustomerRecordStream _customers = new();
    private readonly StringPool _ids = new();
    private readonly StringPool _labels = new();
    private readonly PendingLines _lines = new();

    public PaddleTransactionLineCsvReader(CsvHeader header, CsvLayout layout, ExportParseOptions options)
    {
        var zone = options.BusinessTimeZone;
        _transactionId = header.Column(PaddleColumns.TransactionId);
        _status = new WordColumn<DocumentStatus>(header.Column(PaddleColumns.Status), Statuses, "a Paddle transaction status", StatusesExpected);
        _customerId = header.Column(PaddleColumns.CustomerId);
        _email = header.Column(PaddleColumns.CustomerEmail);
        _country = header.Column(PaddleColumns.AddressCountryCode);
        _businessName = header.Column(PaddleColumns.BusinessName);
        _subscriptionId = header.Column(PaddleColumns.SubscriptionId);
        _itemId = header.Column(PaddleColumns.TransactionItemId);
        _productName = header.Column(PaddleColumns.ProductName);
        _priceId = header.Column(PaddleColumns.PriceId);
        _origin = header.Column(PaddleColumns.Origin);
        _quantity = new DecimalColumn(header.Column(PaddleColumns.Quantity), layout.DecimalCommaByDefault, "a whole number such as 1 or 5");
        _subtotal = new MinorUnitColumn(header.Column(PaddleColumns.Subtotal), AmountExpected);
        _discount = new MinorUnitColumn(header.Column(PaddleColumns.Discount), AmountExpected);
        _tax = new MinorUnitColumn(header.Column(PaddleColumns.Tax), AmountExpected);
        _currency = new CurrencyColumn(header.Column(PaddleColumns.CurrencyCode), options.ReportingCurrency);
        _interval = new VendorIntervalColumns(header.Column(PaddleColumns.BillingCycleInterval), header.Column(PaddleColumns.BillingCycleFrequency));
        _periodStart = new InstantColumn(header.Column(PaddleColumns.BillingPeriodStartsAt), zone, layout, TimeZoneInfo.Utc);
        _periodEnd = new InstantColumn(header.Column(PaddleColumns.BillingPeriodEndsAt), zone, layout, TimeZoneInfo.Utc);
        _billedAt = new InstantColumn(header.Column(PaddleColumns.BilledAt), zone, layout, TimeZoneInfo.Utc);
        _createdAt = new InstantColumn(header.Column(PaddleColumns.CreatedAt), zone, layout, TimeZoneInfo.Utc);
    }

    public PendingLines Lines => _lines;

    public CustomerRecordStream Customers => _customers;

    public void Read(CsvRecord record)
    {
        var transactionId = record.Text(_transactionId, _ids);
        if (transactionId is null)
        {
            record.Fail(_transactionId, "transaction_id is empty: every line needs the id of its transaction (txn_…).");
        }

        var customerId = record.Text(_customerId, _ids);
        if (customerId is null)
        {
            record.Fail(_customerId, "customer_id is empty: every line needs the id of its customer (ctm_…).");
        }

        var status = _status.Read(record);
        var currency = _currency.Read(record);
        var quantity = _quantity.Read(record) ?? 1m;
        var subtotal = _subtotal.ReadRequired(record, currency, "subtotal is empty: every line needs its amount before discount and tax, in minor units.");
        var discount = _discount.Read(record, currency) ?? 0m;
        var tax = _tax.Read(record, currency) ?? 0m;
        var intervalIsValid = _interval.TryRead(record, out var interval);
        var periodStart = _periodStart.Read(record);
        var periodEnd = _periodEnd.Read(record);
        var billedAt = _billedAt.Read(record);
        var createdAt = _createdAt.Read(record);
        var subscriptionId = record.Text(_subscriptionId, _ids);
        var lineType = subscriptionId is not null && interval is not null ? LineType.Recurring : LineType.OneTime;
        var period = intervalIsValid ? ReadPeriod(record, lineType, interval, periodStart, periodEnd, billedAt ?? createdAt) : null;
        if (record.HasErrors || transactionId is null || customerId is null || status is null || currency is null || subtotal is null || period is null)
        {
            return;
        }

        if (lineType == LineType.Recurring && IsPartial(period.Value, interval!.Value)
            && record.Span(_origin).Equals(SubscriptionUpdate, StringComparison.OrdinalIgnoreCase))
        {
            lineType = LineType.Proration;
        }

        _lines.Add(new RevenueLine
        {
            LineKey = record.Text(_itemId) ?? record.ContentHash(),
            CustomerId = customerId,
            InvoiceId = transactionId,
            SubscriptionId = subscriptionId,
            Plan = record.Text(_priceId, _labels),
            Product = record.Text(_productName, _labels),
            LineType = lineType,
            Quantity = quantity,
            Amount = subtotal.Value,
            Discount = discount,
            Tax = tax,
            Currency = currency.Value,
            Interval = lineType == LineType.OneTime ? null : interval,
            ServiceStart = period.Value.Start,
            ServiceEnd = period.Value.End,
            IssuedAt = billedAt ?? createdAt,
            Status = status.Value,
            RowNumber = record.Row,
        });
        _customers.Add(new CustomerRecord
        {
            CustomerId = customerId,
            Name = record.Text(_businessName, _labels),
            Email = ContactColumns.ReadEmail(record, _email),
            Country = ContactColumns.ReadCountry(record, _country, _labels),
            RowNumber = record.Row,
        });
    }

    private static bool IsPartial((DateTimeOffset Start, DateTimeOffset End) period, BillingInterval interval) =>
        interval.SubtractFrom(period.End.UtcDateTime) < period.Start.UtcDateTime;

    private (DateTimeOffset Start, DateTimeOffset End)? ReadPeriod(
        CsvRecord record, LineType lineType, BillingInterval? interval, DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset? issuedAt)
    {
        if (lineType == LineType.Recurring && (start is null || end is null))
        {
            var column = start is null ? _periodStart.Column : _periodEnd.Column;
            if (record.Span(column).IsEmpty)
            {
                record.Fail(column, string.Concat(column.Name, " is empty: a subscription line (subscription_id with a ",
                    interval?.ToString() ?? "billing", " cycle) needs its billing period."));
            }

            return null;
        }

        if (start is { } from && end is { } to)
        {
            if (to > from)
            {
                return (from, to);
            }

            record.Fail(_periodEnd.Column, "billing_period_ends_at is not after billing_period_starts_at: the period runs from its start up to its end.");
            return null;
        }

        var when = start ?? issuedAt;
        if (when is null)
        {
            record.Fail(_billedAt.Column, "billed_at, created_at and billing_period_starts_at are empty: a one-time line needs a date.");
            return null;
        }

        return (when.Value, when.Value.AddDays(1));
    }
}
