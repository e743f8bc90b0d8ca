using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;
using Columns = Pipeline.Ingestion.ChartMogul.ChartMogulInvoiceFormat;

namespace Pipeline.Ingestion.ChartMogul;

/// <summary>Turns the rows of a ChartMogul-style invoices CSV into revenue lines, refunds and customer ids.</summary>
/// <remarks>
/// <para><c>amount_in_cents</c> is what was charged for the line after discount, including tax (ChartMogul's
/// definition), so the line amount before discount and excluding tax is
/// <c>(amount_in_cents − tax_amount_in_cents + discount_amount_in_cents)</c> in minor units of <c>currency</c>.</para>
/// <para><c>type</c> <c>subscription</c> is recurring (a proration when <c>prorated</c> is true), <c>one_time</c> is
/// one-time. Without <c>plan_interval</c> the interval is inferred from the service period. Dates are
/// <c>yyyy-MM-dd HH:mm:ss</c> in UTC (as the API writes them), a plain date, or ISO 8601.</para>
/// <para>A row with <c>transaction_type</c> refund and <c>transaction_result</c> successful keeps its line as it is
/// and adds a refund <see cref="MoneyMovement"/> of <c>transaction_amount_in_cents</c> (else the whole line), dated
/// <c>transaction_date</c> (else the invoice date, flagged as estimated). It is a full refund when it equals the line's
/// total; what that does to MRR is the ledger's rule (METRICS.md §1, Documents), not the parser's.</para>
/// </remarks>
internal sealed class ChartMogulInvoiceCsvReader : IExportRowReader
{
    private const string CentsExpected = "a whole number of cents, such as 5000 for 50.00";

    private static readonly Dictionary<string, LineType> LineTypes = new()
    {
        ["subscription"] = LineType.Recurring,
        ["one_time"] = LineType.OneTime,
        ["one-time"] = LineType.OneTime,
    };

    private readonly TimeZoneInfo _zone;
    private readonly CsvColumn _invoiceId;
    private readonly CsvColumn _customerId;
    private readonly WordColumn<LineType> _type;
    private readonly CsvColumn _subscriptionId;
    private readonly CsvColumn _plan;
    private readonly CsvColumn _lineId;
    private readonly CsvColumn _description;
    private readonly CsvColumn _transactionType;
    private readonly CsvColumn _transactionResult;
    private readonly CurrencyColumn _currency;
    private readonly InstantColumn _date;
    private readonly InstantColumn _dueDate;
    private readonly InstantColumn _periodStart;
    private readonly InstantColumn _periodEnd;
    private readonly InstantColumn _transactionDate;
    private readonly MinorUnitColumn _amount;
    private readonly MinorUnitColumn _discount;
    private readonly MinorUnitColumn _tax;
    private readonly MinorUnitColumn _transactionAmount;
    private readonly DecimalColumn _quantity;
    private readonly BooleanColumn _prorated;
    private readonly VendorIntervalColumns _interval;
    private readonly CustomerRecordStream _customers = new();
    private readonly StringPool _ids = new();
    private readonly StringPool _labels = new();
    private readonly PendingLines _lines = new();
    private readonly List<MoneyMovement> _movements = [];

    public ChartMogulInvoiceCsvReader(CsvHeader header, CsvLayout layout, ExportParseOptions options)
    {
        _zone = options.BusinessTimeZone;
        _invoiceId = header.Column(Columns.InvoiceExternalId);
        _customerId = header.Column(Columns.CustomerExternalId);
        _type = new WordColumn<LineType>(header.Column(Columns.Type), LineTypes, "a line item type", "subscription or one_time");
        _subscriptionId = header.Column(Columns.SubscriptionExternalId);
        _plan = header.Column(Columns.PlanUuid);
        _lineId = header.Column(Columns.ExternalId);
        _description = header.Column(Columns.Description);
        _transactionType = header.Column(Columns.TransactionType);
        _transactionResult = header.Column(Columns.TransactionResult);
        _currency = new CurrencyColumn(header.Column(Columns.Currency), options.ReportingCurrency);
        _date = Instant(header, layout, Columns.Date);
        _dueDate = Instant(header, layout, Columns.DueDate);
        _periodStart = Instant(header, layout, Columns.ServicePeriodStart);
        _periodEnd = Instant(header, layout, Columns.ServicePeriodEnd);
        _transactionDate = Instant(header, layout, Columns.TransactionDate);
        _amount = new MinorUnitColumn(header.Column(Columns.AmountInCents), CentsExpected);
        _discount = new MinorUnitColumn(header.Column(Columns.DiscountAmountInCents), CentsExpected);
        _tax = new MinorUnitColumn(header.Column(Columns.TaxAmountInCents), CentsExpected);
        _transactionAmount = new MinorUnitColumn(header.Column(Columns.TransactionAmountInCents), CentsExpected);
        _quantity = new DecimalColumn(header.Column(Columns.Quantity), layout.DecimalCommaByDefault, "a whole number such as 1 or 5");
        _prorated = new BooleanColumn(header.Column(Columns.Prorated));
        _interval = new VendorIntervalColumns(header.Column(Columns.PlanInterval), header.Column(Columns.PlanIntervalCount));
    }

    public PendingLines Lines => _lines;

    public CustomerRecordStream Customers => _customers;

    public IReadOnlyList<MoneyMovement> Movements => _movements;

    public void Read(CsvRecord record)
    {
        var invoiceId = Required(record, _invoiceId, "invoice_external_id is empty: every line needs the id of its invoice.");
        var customerId = Required(record, _customerId, "customer_external_id is empty: every line needs the id of its customer.");
        var lineType = _type.Read(record);
        var currency = _currency.Read(record);
        var charged = _amount.ReadRequired(record, currency, "amount_in_cents is empty: every line needs what was charged for it, in cents.");
        var discount = _discount.Read(record, currency) ?? 0m;
        var tax = _tax.Read(record, currency) ?? 0m;
        var quantity = _quantity.Read(record) ?? 1m;
        var date = _date.ReadRequired(record, "date is empty: every invoice needs its date.");
        var dueDate = _dueDate.Read(record);
        var intervalIsValid = _interval.TryRead(record, out var interval);
        var prorated = _prorated.Read(record) ?? false;
        var period = intervalIsValid && lineType is not null ? ReadPeriod(record, lineType.Value, interval, date) : null;
        var refund = ReadRefund(record, currency);
        if (record.HasErrors || invoiceId is null || customerId is null || lineType is null || currency is null || charged is null
            || date is null || period is null)
        {
            return;
        }

        var type = lineType == LineType.Recurring && prorated ? LineType.Proration : lineType.Value;
        var line = new RevenueLine
        {
            LineKey = record.Text(_lineId) ?? record.ContentHash(),
            CustomerId = customerId,
            InvoiceId = invoiceId,
            SubscriptionId = record.Text(_subscriptionId, _ids),
            Plan = record.Text(_plan, _labels),
            Product = type == LineType.OneTime ? record.Text(_description, _labels) : null,
            LineType = type,
            Quantity = quantity,
            Amount = charged.Value - tax + discount,
            Discount = discount,
            Tax = tax,
            Currency = currency.Value,
            Interval = period.Value.Interval,
            IntervalInferred = period.Value.Inferred,
            ServiceStart = period.Value.Start,
            ServiceEnd = period.Value.End,
            IssuedAt = date,
            DueAt = dueDate,
            RowNumber = record.Row,
        };
        _lines.Add(line);
        _customers.Add(new CustomerRecord { CustomerId = customerId, RowNumber = record.Row });
        if (refund is { } refunded)
        {
            var amount = refunded.Amount ?? charged.Value;
            _movements.Add(new MoneyMovement
            {
                MovementKey = string.Concat(line.LineKey, ":refund"),
                Type = MoneyMovementType.Refund,
                CustomerId = customerId,
                InvoiceId = invoiceId,
                Amount = -amount,
                Currency = currency.Value,
                OccurredAt = refunded.At ?? date.Value,
                TimingEstimated = refunded.At is null,
                Status = "successful",
                IsFullRefund = amount == charged.Value,
                RowNumber = record.Row,
            });
        }
    }

    private InstantColumn Instant(CsvHeader header, CsvLayout layout, string name) =>
        new(header.Column(name), _zone, layout, TimeZoneInfo.Utc);

    private static string? Required(CsvRecord record, CsvColumn column, string emptyMessage)
    {
        var value = record.Text(column);
        if (value is null)
        {
            record.Fail(column, emptyMessage);
        }

        return value;
    }

    private (DateTimeOffset Start, DateTimeOffset? End, BillingInterval? Interval, bool Inferred)? ReadPeriod(
        CsvRecord record, LineType lineType, BillingInterval? interval, DateTimeOffset? date)
    {
        var start = _periodStart.Read(record);
        var end = _periodEnd.Read(record);
        if (lineType == LineType.OneTime)
        {
            var from = start ?? date;
            return from is null ? null : (from.Value, end is { } to && to > from ? to : from.Value.AddDays(1), null, false);
        }

        if (start is null || end is null)
        {
            var column = start is null ? _periodStart.Column : _periodEnd.Column;
            if (record.Span(column).IsEmpty)
            {
                record.Fail(column, string.Concat(column.Name, " is empty: a subscription line needs its service period."));
            }

            return null;
        }

        if (end <= start)
        {
            record.Fail(_periodEnd.Column, "service_period_end is not after service_period_start: the period runs from its start up to its end.");
            return null;
        }

        if (interval is not null)
        {
            return (start.Value, end, interval, false);
        }

        if (BillingInterval.TryInfer(start.Value, end.Value, _zone, out var inferred))
        {
            return (start.Value, end, inferred, true);
        }

        record.Fail(_periodEnd.Column, "the service period is not a whole number of months or weeks, so its billing interval cannot be inferred: add plan_interval and plan_interval_count.");
        return null;
    }

    private (decimal? Amount, DateTimeOffset? At)? ReadRefund(CsvRecord record, CurrencyCode? currency)
    {
        var amount = _transactionAmount.Read(record, currency);
        var at = _transactionDate.Read(record);
        var isRefund = record.Span(_transactionType).Equals("refund", StringComparison.OrdinalIgnoreCase)
            && record.Span(_transactionResult).Equals("successful", StringComparison.OrdinalIgnoreCase);
        return isRefund ? (amount is null ? null : Math.Abs(amount.Value), at) : null;
    }
}
