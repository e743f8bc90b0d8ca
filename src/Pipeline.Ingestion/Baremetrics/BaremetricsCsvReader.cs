using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Baremetrics;

/// <summary>Turns the rows of a Baremetrics import template into one snapshot-style line per subscription.</summary>
/// <remarks>
/// <c>plan_amount</c> is an integer in minor units (cents) per unit, multiplied by <c>subscription_quantity</c>
/// (default 1). Each row is served from <c>subscription_started_at</c> to <c>subscription_canceled_at</c> (open-ended
/// when empty). Dates must be <c>YYYY-MM-DD</c>, as Baremetrics itself requires, read as 00:00 in the business time zone.
/// A plan change is a second subscription row starting when the first is canceled.
/// </remarks>
internal sealed class BaremetricsCsvReader : IExportRowReader
{
    private const string AmountExpected = "a whole number of cents, such as 5000 for 50.00";
    private const string DateExpected = "expected a date as YYYY-MM-DD (the only form the Baremetrics template allows)";

    private readonly ExportParseOptions _options;
    private readonly CsvColumn _planOid;
    private readonly CsvColumn _planName;
    private readonly CsvColumn _customerOid;
    private readonly CsvColumn _customerName;
    private readonly CsvColumn _customerEmail;
    private readonly CsvColumn _subscriptionOid;
    private readonly CurrencyColumn _currency;
    private readonly MinorUnitColumn _amount;
    private readonly VendorIntervalColumns _interval;
    private readonly CsvColumn _quantity;
    private readonly InstantColumn _startedAt;
    private readonly InstantColumn _canceledAt;
    private readonly CustomerRecordStream _customers = new();
    private readonly StringPool _labels = new();
    private readonly PendingLines _lines = new();

    public BaremetricsCsvReader(CsvHeader header, CsvLayout layout, ExportParseOptions options)
    {
        _options = options;
        _planOid = header.Column(BaremetricsFormat.PlanOid);
        _planName = header.Column(BaremetricsFormat.PlanName);
        _customerOid = header.Column(BaremetricsFormat.CustomerOid);
        _customerName = header.Column(BaremetricsFormat.CustomerName);
        _customerEmail = header.Column(BaremetricsFormat.CustomerEmail);
        _subscriptionOid = header.Column(BaremetricsFormat.SubscriptionOid);
        _currency = new CurrencyColumn(header.Column(BaremetricsFormat.PlanCurrency), options.ReportingCurrency,
            "plan_currency is empty: every plan needs an ISO 4217 currency code such as USD or EUR.");
        _amount = new MinorUnitColumn(header.Column(BaremetricsFormat.PlanAmount), AmountExpected);
        _interval = new VendorIntervalColumns(header.Column(BaremetricsFormat.PlanInterval), header.Column(BaremetricsFormat.PlanIntervalCount));
        _quantity = header.Column(BaremetricsFormat.Quantity);
        _startedAt = new InstantColumn(header.Column(BaremetricsFormat.StartedAt), options.BusinessTimeZone, layout, options.BusinessTimeZone);
        _canceledAt = new InstantColumn(header.Column(BaremetricsFormat.CanceledAt), options.BusinessTimeZone, layout, options.BusinessTimeZone);
    }

    public PendingLines Lines => _lines;

    public CustomerRecordStream Customers => _customers;

    public void Read(CsvRecord record)
    {
        var subscriptionId = Required(record, _subscriptionOid, "subscription_oid is empty: every row needs the id of its subscription.");
        var customerId = Required(record, _customerOid, "customer_oid is empty: every subscription needs the id of its customer.");
        var plan = Required(record, _planOid, "plan_oid is empty: every subscription needs the id of its plan.");
        var currency = _currency.Read(record);
        var amount = _amount.ReadRequired(record, currency, "plan_amount is empty: every plan needs its price in cents.");
        var quantity = ReadQuantity(record);
        var intervalIsValid = _interval.TryRead(record, out var interval);
        if (intervalIsValid && interval is null)
        {
            record.Fail(_interval.Unit, "plan_interval is empty: expected week, month or year.");
        }

        var start = ReadDate(record, _startedAt, "subscription_started_at is empty: every subscription needs its start date.");
        var end = ReadDate(record, _canceledAt, emptyMessage: null);
        if (start is not null && end is not null && end < start)
        {
            record.Fail(_canceledAt.Column, "subscription_canceled_at is before subscription_started_at.");
        }

        if (record.HasErrors || subscriptionId is null || customerId is null || currency is null || amount is null || interval is null || start is null)
        {
            return;
        }

        _customers.Add(new CustomerRecord
        {
            CustomerId = customerId,
            Name = record.Text(_customerName, _labels),
            Email = ContactColumns.ReadEmail(record, _customerEmail),
            RowNumber = record.Row,
        });
        if (end == start)
        {
            return;
        }

        _lines.Add(new RevenueLine
        {
            LineKey = subscriptionId,
            CustomerId = customerId,
            SubscriptionId = subscriptionId,
            Plan = plan,
            Product = record.Text(_planName, _labels),
            Quantity = quantity,
            Amount = amount.Value * quantity,
            Currency = currency.Value,
            Interval = interval,
            ServiceStart = start.Value,
            ServiceEnd = end,
            Origin = LineOrigin.SubscriptionSnapshot,
            SnapshotTakenAt = _options.ReceivedAt,
            RowNumber = record.Row,
        });
    }

    private static string? Required(CsvRecord record, CsvColumn column, string emptyMessage)
    {
        var value = record.Text(column);
        if (value is null)
        {
            record.Fail(column, emptyMessage);
        }

        return value;
    }

    private decimal ReadQuantity(CsvRecord record)
    {
        var text = record.Span(_quantity);
        if (text.IsEmpty)
        {
            return 1m;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var quantity) && quantity > 0)
        {
            return quantity;
        }

        record.Fail(_quantity, string.Concat("'", record.Written(_quantity), "' is not a quantity: expected a whole number of 1 or more."));
        return 1m;
    }

    private static DateTimeOffset? ReadDate(CsvRecord record, InstantColumn column, string? emptyMessage)
    {
        var text = record.Span(column.Column);
        if (text.IsEmpty)
        {
            if (emptyMessage is not null)
            {
                record.Fail(column.Column, emptyMessage);
            }

            return null;
        }

        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            record.Fail(column.Column, string.Concat("'", record.Written(column.Column), "' is not a date: ", DateExpected, "."));
            return null;
        }

        return column.Read(record);
    }
}
