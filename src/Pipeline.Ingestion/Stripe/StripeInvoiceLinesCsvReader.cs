using System.Globalization;
using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using C = Pipeline.Ingestion.Stripe.StripeInvoiceLinesColumns;

namespace Pipeline.Ingestion.Stripe;

/// <summary>Reads the rows of our Sigma invoice-lines query (EXPORTS.md B1.7, C4) into revenue lines and customers.</summary>
/// <remarks>
/// <para>
/// Amounts are integer minor units of the line's currency (÷ 10^<see cref="CurrencyCode.MinorUnits"/>): <c>amount</c>
/// is the line total before discount, excluding tax; <c>discount_amount</c> and <c>tax_amount</c> are per line and
/// default to 0. Timestamps are <c>yyyy-MM-dd HH:mm:ss</c> in UTC.
/// </para>
/// <para>
/// The line type is one-time for a <c>one_time</c> price, proration when <c>proration</c> is true, else recurring. A
/// line's subscription is its subscription item when there is one (an item is what an upgrade replaces; two items of
/// one subscription add up), else its subscription. A one-time line whose period is a single instant (Stripe gives
/// one-off invoice items <c>period_start = period_end</c>) is kept with a one-second period.
/// </para>
/// <para>
/// The hot path allocates only the strings a line keeps: ids that repeat come from bounded pools or the previous line,
/// and amounts and timestamps are read by hand from their exact Sigma forms (<see cref="StripeInvoiceLinesValues"/>).
/// The lines are handed on in chunks as they are read, and so are the customers' records (a customer's record when its
/// e-mail address is first seen or changes); what stays for the whole file is 16 bytes per customer
/// (<see cref="CustomerRecordStream"/>).
/// </para>
/// </remarks>
internal sealed class StripeInvoiceLinesCsvReader : IExportRowReader
{
    private const string MinorUnitsExpected = "an integer amount in minor units (cents), such as 4900 for 49.00 or -1250";

    private readonly CsvColumn _id;
    private readonly CsvColumn _invoiceId;
    private readonly CsvColumn _invoiceStatus;
    private readonly CsvColumn _customerId;
    private readonly CsvColumn _customerEmail;
    private readonly CsvColumn _subscriptionId;
    private readonly CsvColumn _subscriptionItemId;
    private readonly CsvColumn _priceId;
    private readonly CsvColumn _productName;
    private readonly CsvColumn _proration;
    private readonly CsvColumn _quantity;
    private readonly CsvColumn _amount;
    private readonly CsvColumn _discount;
    private readonly CsvColumn _tax;
    private readonly CsvColumn _priceType;
    private readonly CsvColumn _interval;
    private readonly CsvColumn _intervalCount;
    private readonly StripeCurrencyColumn _currency;
    private readonly StripeTimestampColumn _invoiceCreated;
    private readonly StripeTimestampColumn _periodStart;
    private readonly StripeTimestampColumn _periodEnd;
    private readonly CustomerRecordStream _customers = new();
    private string? _emailCustomer;
    private char[] _email = new char[64];
    private int _emailLength;
    private readonly StringPool _labels = new();
    private readonly RepeatedText _invoiceIds = new();
    private readonly RepeatedText _subscriptionIds = new();
    private readonly PendingLines _lines = new();
    private readonly List<string> _warnings = [];
    private int _unprefixedIds;
    private string? _firstUnprefixedId;

    public StripeInvoiceLinesCsvReader(CsvHeader header, CsvLayout layout, ExportParseOptions options)
    {
        _id = header.Column(C.Id);
        _invoiceId = header.Column(C.InvoiceId);
        _invoiceStatus = header.Column(C.InvoiceStatus);
        _customerId = header.Column(C.CustomerId);
        _customerEmail = header.Column(C.CustomerEmail);
        _subscriptionId = header.Column(C.SubscriptionId);
        _subscriptionItemId = header.Column(C.SubscriptionItemId);
        _priceId = header.Column(C.PriceId);
        _productName = header.Column(C.ProductName);
        _proration = header.Column(C.Proration);
        _quantity = header.Column(C.Quantity);
        _amount = header.Column(C.Amount);
        _discount = header.Column(C.DiscountAmount);
        _tax = header.Column(C.TaxAmount);
        _priceType = header.Column(C.PriceType);
        _interval = header.Column(C.RecurringInterval);
        _intervalCount = header.Column(C.RecurringIntervalCount);
        _currency = new StripeCurrencyColumn(header.Column(C.Currency), options.ReportingCurrency);
        _invoiceCreated = new StripeTimestampColumn(header.Column(C.InvoiceCreated), options.BusinessTimeZone, layout);
        _periodStart = new StripeTimestampColumn(header.Column(C.PeriodStart), options.BusinessTimeZone, layout);
        _periodEnd = new StripeTimestampColumn(header.Column(C.PeriodEnd), options.BusinessTimeZone, layout);
    }

    public PendingLines Lines => _lines;

    public CustomerRecordStream Customers => _customers;

    public IReadOnlyList<string> Warnings
    {
        get
        {
            if (_unprefixedIds > 0 && _warnings.Count == 0)
            {
                _warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{_unprefixedIds} line id(s) do not start with il_ or ii_ (first: '{_firstUnprefixedId}'): check that the file is the Stripe invoice_line_items query."));
            }

            return _warnings;
        }
    }

    public void Read(CsvRecord record)
    {
        var id = record.Span(_id);
        if (id.IsEmpty)
        {
            record.Fail(_id, "id is empty: every line needs its Stripe line id (il_… or ii_…).");
        }
        else if (!id.StartsWith("il_", StringComparison.Ordinal) && !id.StartsWith("ii_", StringComparison.Ordinal) && _unprefixedIds++ == 0)
        {
            _firstUnprefixedId = id.ToString();
        }

        var customerId = record.Span(_customerId);
        var subscriptionItemId = record.Span(_subscriptionItemId);
        var subscriptionId = subscriptionItemId.IsEmpty ? record.Span(_subscriptionId) : subscriptionItemId;
        var email = record.Span(_customerEmail);
        var customer = customerId.IsEmpty ? null : _customers.Id(customerId);
        if (customer is null)
        {
            record.Fail(_customerId, "customer_id is empty: every line needs the id of its customer (cus_…).");
        }
        else if (!email.IsEmpty)
        {
            _customers.Prefetch(customer);
        }

        var invoiceId = _invoiceIds.Get(record.Span(_invoiceId));
        if (invoiceId is null)
        {
            record.Fail(_invoiceId, "invoice_id is empty: every line needs the id of its invoice (in_…).");
        }

        var status = ReadStatus(record);
        var lineType = ReadLineType(record);
        var currency = _currency.Read(record);
        var minorUnits = currency?.MinorUnits ?? 2;
        var amount = ReadMinorUnits(record, _amount, minorUnits, required: true);
        var discount = ReadMinorUnits(record, _discount, minorUnits, required: false);
        var tax = ReadMinorUnits(record, _tax, minorUnits, required: false);
        var quantity = ReadQuantity(record);
        var interval = ReadInterval(record, lineType);
        var start = _periodStart.ReadRequired(record, "period_start is empty: every line needs the start of its service period.");
        var end = _periodEnd.ReadRequired(record, "period_end is empty: every line needs the end of its service period.");
        var issuedAt = _invoiceCreated.Read(record);
        if (discount < 0m)
        {
            record.Fail(_discount, string.Concat("'", record.Written(_discount),
                "' is a negative discount: discount_amount is zero or more."));
        }

        if (start is null || end is null || !TryEnd(record, lineType, start.Value, ref end) || record.HasErrors
            || customer is null || currency is null)
        {
            return;
        }

        _lines.Add(new RevenueLine
        {
            LineKey = id.ToString(),
            CustomerId = customer,
            InvoiceId = invoiceId,
            SubscriptionId = _subscriptionIds.Get(subscriptionId),
            Plan = record.Text(_priceId, _labels),
            Product = record.Text(_productName, _labels),
            LineType = lineType,
            Quantity = quantity,
            Amount = amount,
            Discount = discount,
            Tax = tax,
            Currency = currency.Value,
            Interval = interval,
            ServiceStart = start.Value,
            ServiceEnd = end,
            IssuedAt = issuedAt,
            Status = status,
            RowNumber = record.Row,
        });
        SawEmail(customer, email, record.Row);
    }

    /// <summary>Hands on the customer's record (its e-mail address, lower-cased) when the kept line's address is new for it.</summary>
    /// <remarks>
    /// The lines of an invoice are adjacent: a line of the same customer (the same id string, see
    /// <see cref="CustomerRecordStream.Id"/>) with the same address as the line before it is settled without a lookup.
    /// </remarks>
    private void SawEmail(string customer, ReadOnlySpan<char> email, long row)
    {
        if (email.IsEmpty || (ReferenceEquals(customer, _emailCustomer) && email.SequenceEqual(_email.AsSpan(0, _emailLength))))
        {
            return;
        }

        var values = new CustomerValuesHash(customer);
        values.Add(1, email, CaseFold.Lower);
        if (email.Length > _email.Length)
        {
            _email = new char[email.Length];
        }

        email.CopyTo(_email);
        (_emailCustomer, _emailLength) = (customer, email.Length);
        if (!_customers.Changes(customer, values.Value, out var hash))
        {
            return;
        }

        Span<char> lower = email.Length <= 256 ? stackalloc char[email.Length] : new char[email.Length];
        email.ToLowerInvariant(lower);
        _customers.Add(new CustomerRecord { CustomerId = customer, Email = lower.ToString(), RowNumber = row }, hash, values.Value);
    }

    /// <summary>Checks that the period is not empty; a one-time line on a single instant gets a one-second period.</summary>
    private bool TryEnd(CsvRecord record, LineType lineType, DateTimeOffset start, ref DateTimeOffset? end)
    {
        if (end > start)
        {
            return true;
        }

        if (end == start && lineType == LineType.OneTime)
        {
            end = start.AddSeconds(1);
            return true;
        }

        record.Fail(_periodEnd.Column, string.Concat("period_end ", record.Written(_periodEnd.Column), " is not after period_start ",
            record.Written(_periodStart.Column), ": the service period runs from period_start up to, not including, period_end."));
        return false;
    }

    private DocumentStatus ReadStatus(CsvRecord record)
    {
        var text = record.Span(_invoiceStatus);
        if (text.Equals("paid", StringComparison.OrdinalIgnoreCase))
        {
            return DocumentStatus.Paid;
        }

        if (text.Equals("open", StringComparison.OrdinalIgnoreCase))
        {
            return DocumentStatus.Open;
        }

        if (text.Equals("void", StringComparison.OrdinalIgnoreCase))
        {
            return DocumentStatus.Void;
        }

        if (text.Equals("uncollectible", StringComparison.OrdinalIgnoreCase))
        {
            return DocumentStatus.Uncollectible;
        }

        if (text.Equals("draft", StringComparison.OrdinalIgnoreCase))
        {
            return DocumentStatus.Draft;
        }

        record.Fail(_invoiceStatus, string.Concat("'", record.Written(_invoiceStatus),
            "' is not a Stripe invoice status: expected draft, open, paid, uncollectible or void."));
        return DocumentStatus.Paid;
    }

    private LineType ReadLineType(CsvRecord record)
    {
        var priceType = record.Span(_priceType);
        var isOneTime = priceType.Equals("one_time", StringComparison.OrdinalIgnoreCase);
        if (!isOneTime && !priceType.IsEmpty && !priceType.Equals("recurring", StringComparison.OrdinalIgnoreCase))
        {
            record.Fail(_priceType, string.Concat("'", record.Written(_priceType), "' is not a Stripe price type: expected recurring or one_time."));
        }

        var proration = record.Span(_proration);
        var isProration = proration.Equals("true", StringComparison.OrdinalIgnoreCase);
        if (!isProration && !proration.IsEmpty && !proration.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            record.Fail(_proration, string.Concat("'", record.Written(_proration), "' is not a proration flag: expected true or false."));
        }

        return isOneTime ? LineType.OneTime : isProration ? LineType.Proration : LineType.Recurring;
    }

    /// <summary>The interval of a recurring or proration line (required), or of a one-time line (ignored).</summary>
    private BillingInterval? ReadInterval(CsvRecord record, LineType lineType)
    {
        if (lineType == LineType.OneTime)
        {
            return null;
        }

        var text = record.Span(_interval);
        IntervalUnit unit;
        if (text.Equals("month", StringComparison.OrdinalIgnoreCase))
        {
            unit = IntervalUnit.Month;
        }
        else if (text.Equals("year", StringComparison.OrdinalIgnoreCase))
        {
            unit = IntervalUnit.Year;
        }
        else if (text.Equals("week", StringComparison.OrdinalIgnoreCase))
        {
            unit = IntervalUnit.Week;
        }
        else if (text.Equals("day", StringComparison.OrdinalIgnoreCase))
        {
            unit = IntervalUnit.Day;
        }
        else
        {
            record.Fail(_interval, string.Concat("'", record.Written(_interval),
                "' is not a recurring interval: a recurring price needs day, week, month or year."));
            return null;
        }

        var count = record.Span(_intervalCount);
        if (count.IsEmpty)
        {
            return new BillingInterval(unit, 1);
        }

        if (StripeInvoiceLinesValues.TryParseInteger(count, out var value) && value is >= 1 and <= 1000)
        {
            return new BillingInterval(unit, (int)value);
        }

        record.Fail(_intervalCount, string.Concat("'", record.Written(_intervalCount),
            "' is not an interval count: expected a whole number of 1 or more."));
        return null;
    }

    private static decimal ReadMinorUnits(CsvRecord record, CsvColumn column, int minorUnits, bool required)
    {
        var text = record.Span(column);
        if (text.IsEmpty)
        {
            if (required)
            {
                record.Fail(column, string.Concat(column.Name, " is empty: expected ", MinorUnitsExpected, "."));
            }

            return 0m;
        }

        if (StripeInvoiceLinesValues.TryParseMinorUnits(text, minorUnits, out var value))
        {
            return value;
        }

        record.Fail(column, string.Concat("'", record.Written(column), "' is not an amount: expected ", MinorUnitsExpected, "."));
        return 0m;
    }

    private decimal ReadQuantity(CsvRecord record)
    {
        var text = record.Span(_quantity);
        if (text.IsEmpty)
        {
            return 1m;
        }

        if (StripeInvoiceLinesValues.TryParseInteger(text, out var whole) && whole >= 0)
        {
            return whole;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fraction))
        {
            return fraction;
        }

        record.Fail(_quantity, string.Concat("'", record.Written(_quantity), "' is not a quantity: expected a number of 0 or more, such as 1 or 3."));
        return 1m;
    }
}
