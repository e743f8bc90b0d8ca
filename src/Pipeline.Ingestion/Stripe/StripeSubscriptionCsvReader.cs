using System.Globalization;
using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Stripe;

/// <summary>Reads a Stripe subscriptions export (EXPORTS.md B1.1): one synthetic snapshot line per subscription, and customers.</summary>
/// <remarks>
/// <para>
/// The export is a snapshot, so each row becomes a <see cref="LineOrigin.SubscriptionSnapshot"/> line keyed by the
/// subscription id, taken at <see cref="ExportParseOptions.ReceivedAt"/>; <see cref="SnapshotHistory"/> chains the
/// lines of successive exports. <c>Amount</c> is major units, per unit and multiplied by <c>Quantity</c> unless
/// <see cref="ExportParseOptions.StripeAmountIsPerUnit"/> is off. The service starts at the later of
/// <c>Start Date (UTC)</c> (or the older <c>Start (UTC)</c>, else <c>Created (UTC)</c>) and <c>Trial End (UTC)</c>,
/// and ends at <c>Ended At (UTC)</c>; without one, <c>Cancel At Period End</c> = true ends it at
/// <c>Current Period End (UTC)</c> as a scheduled cancellation, and a <c>canceled</c> row ends at <c>Canceled At (UTC)</c>.
/// </para>
/// <para>
/// Statuses <c>active</c>, <c>past_due</c>, <c>unpaid</c>, <c>trialing</c> (paid from the trial end) and <c>canceled</c>
/// count as above. <c>incomplete</c> and <c>incomplete_expired</c> were never paid and give no line (one warning
/// with the count). A <c>paused</c> subscription bills nothing while paused, and the export does not say when the
/// pause began; its line ends at <c>Current Period Start (UTC)</c>, the start of the period it is not billed for, so
/// its MRR stops there. A later snapshot showing it active again starts a new line from that snapshot's period.
/// </para>
/// </remarks>
internal sealed class StripeSubscriptionCsvReader : IExportRowReader
{
    private const string AmountExpected = "an amount in major units such as 49.00 or 49,00";

    private readonly ExportParseOptions _options;
    private readonly StripeIdCheck _id;
    private readonly CsvColumn _customerId;
    private readonly CsvColumn _plan;
    private readonly CsvColumn _product;
    private readonly CsvColumn _productId;
    private readonly CsvColumn _interval;
    private readonly CsvColumn _status;
    private readonly CurrencyColumn _currency;
    private readonly DecimalColumn _quantity;
    private readonly DecimalColumn _amount;
    private readonly InstantColumn _start;
    private readonly InstantColumn _currentPeriodStart;
    private readonly InstantColumn _currentPeriodEnd;
    private readonly InstantColumn _trialEnd;
    private readonly InstantColumn _canceledAt;
    private DateTimeOffset? _lastCanceledAt;
    private readonly InstantColumn _endedAt;
    private readonly BooleanColumn _cancelAtPeriodEnd;
    private readonly StripeCustomerColumns _customer;
    private readonly CustomerRecordStream _customers = new();
    private readonly StringPool _customerIds = new();
    private readonly StringPool _labels = new();
    private readonly PendingLines _lines = new();
    private int _incomplete;
    private int _inferredCounts;
    private long _firstInferredRow;
    private BillingInterval _firstInferred;
    private int _multipliedByQuantity;

    public StripeSubscriptionCsvReader(CsvHeader header, CsvLayout layout, ExportParseOptions options)
    {
        _options = options;
        var zone = options.BusinessTimeZone;
        var comma = layout.DecimalCommaByDefault;
        InstantColumn Utc(CsvColumn column) => new(column, zone, layout, TimeZoneInfo.Utc);
        _id = new StripeIdCheck(header.Column(StripeColumns.Id), "subscription", "sub_");
        _customerId = header.Column(StripeColumns.CustomerId);
        _plan = header.Column(StripeColumns.Plan);
        _product = header.Column(StripeColumns.Product);
        _productId = header.Column(StripeColumns.ProductId);
        _interval = header.Column(StripeColumns.Interval);
        _status = header.Column(StripeColumns.Status);
        _currency = new CurrencyColumn(header.Column(StripeColumns.Currency), options.ReportingCurrency);
        _quantity = new DecimalColumn(header.Column(StripeColumns.Quantity), comma, "a number of seats such as 1 or 5", moneyText: false);
        _amount = new DecimalColumn(header.Column(StripeColumns.Amount), comma, AmountExpected, moneyText: true);
        _start = Utc(StripeCustomerColumns.FirstPresent(header, StripeColumns.StartDate, StripeColumns.Start, StripeColumns.Created));
        _currentPeriodStart = Utc(header.Column(StripeColumns.CurrentPeriodStart));
        _currentPeriodEnd = Utc(header.Column(StripeColumns.CurrentPeriodEnd));
        _trialEnd = Utc(header.Column(StripeColumns.TrialEnd));
        _canceledAt = Utc(header.Column(StripeColumns.CanceledAt));
        _endedAt = Utc(header.Column(StripeColumns.EndedAt));
        _cancelAtPeriodEnd = new BooleanColumn(header.Column(StripeColumns.CancelAtPeriodEnd));
        _customer = new StripeCustomerColumns(
            [header.Column(StripeColumns.CustomerName), header.Column(StripeColumns.CustomerDescription)],
            header.Column(StripeColumns.CustomerEmail), new CsvColumn(-1, StripeColumns.AddressCountry), createdAt: null,
            new StripeMetadataColumns(header));
    }

    public PendingLines Lines => _lines;

    public CustomerRecordStream Customers => _customers;

    public IReadOnlyList<string> Warnings
    {
        get
        {
            var warnings = new List<string>();
            if (_id.Warning is { } prefix)
            {
                warnings.Add(prefix);
            }

            if (_incomplete > 0)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{_incomplete} subscription(s) with status incomplete or incomplete_expired were never paid and give no MRR."));
            }

            if (_inferredCounts > 0)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Interval counts are inferred from the current period (Current Period Start/End), since the export has no interval-count column: {_inferredCounts} subscription(s) bill every several units (first: row {_firstInferredRow}, every {_firstInferred})."));
            }

            if (_multipliedByQuantity > 0)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Amount is taken as the price per unit and multiplied by Quantity for {_multipliedByQuantity} subscription(s) with more than one unit (setting StripeAmountIsPerUnit)."));
            }

            return warnings;
        }
    }

    public void Read(CsvRecord record)
    {
        var id = _id.Read(record);
        var customerId = record.Text(_customerId, _customerIds);
        if (customerId is null)
        {
            record.Fail(_customerId, "Customer ID is empty: every subscription needs the cus_… id of its customer.");
        }

        var customer = customerId is null ? null : _customer.Read(record, customerId);
        var status = ReadStatus(record);
        if (status is SubscriptionStatus.Incomplete)
        {
            AddCustomer(record, customer);
            _incomplete += record.HasErrors ? 0 : 1;
            return;
        }

        var quantity = _quantity.Read(record) ?? 1m;
        var amount = _amount.ReadRequired(record, "Amount is empty: every subscription needs its price in major units.");
        var currency = _currency.Read(record);
        var currentPeriodStart = _currentPeriodStart.Read(record);
        var currentPeriodEnd = _currentPeriodEnd.Read(record);
        var interval = ReadInterval(record, status, currentPeriodStart, currentPeriodEnd);
        var start = ReadStart(record);
        var (end, cancelsAtEnd) = ReadEnd(record, status, currentPeriodStart, currentPeriodEnd);
        if (record.HasErrors || id is null || customerId is null || amount is null || currency is null || interval is null || start is null)
        {
            return;
        }

        var perUnit = _options.StripeAmountIsPerUnit;
        _multipliedByQuantity += perUnit && quantity != 1m ? 1 : 0;
        _lines.Add(new RevenueLine
        {
            LineKey = id,
            CustomerId = customerId,
            SubscriptionId = id,
            Plan = record.Text(_plan, _labels),
            Product = record.Text(_product, _labels) ?? record.Text(_productId, _labels),
            Quantity = quantity,
            Amount = perUnit ? amount.Value * quantity : amount.Value,
            Currency = currency.Value,
            Interval = interval,
            ServiceStart = start.Value,
            ServiceEnd = end,
            CancelsAtEnd = cancelsAtEnd,

            // Canceled At is when the cancellation was requested; without it, the snapshot is when it was first known.
            CancellationRequestedAt = cancelsAtEnd ? _lastCanceledAt ?? _options.ReceivedAt : null,
            Origin = LineOrigin.SubscriptionSnapshot,
            SnapshotTakenAt = _options.ReceivedAt,
            CurrentPeriodStart = currentPeriodStart,
            RowNumber = record.Row,
        });
        AddCustomer(record, customer);
    }

    private void AddCustomer(CsvRecord record, CustomerRecord? customer)
    {
        if (customer is not null && !record.HasErrors)
        {
            _customers.Add(customer);
        }
    }

    private SubscriptionStatus ReadStatus(CsvRecord record)
    {
        var text = record.Span(_status);
        if (text.Equals("active", StringComparison.OrdinalIgnoreCase) || text.Equals("past_due", StringComparison.OrdinalIgnoreCase)
            || text.Equals("unpaid", StringComparison.OrdinalIgnoreCase))
        {
            return SubscriptionStatus.Active;
        }

        if (text.Equals("trialing", StringComparison.OrdinalIgnoreCase))
        {
            return SubscriptionStatus.Trialing;
        }

        if (text.Equals("canceled", StringComparison.OrdinalIgnoreCase))
        {
            return SubscriptionStatus.Canceled;
        }

        if (text.Equals("paused", StringComparison.OrdinalIgnoreCase))
        {
            return SubscriptionStatus.Paused;
        }

        if (text.Equals("incomplete", StringComparison.OrdinalIgnoreCase) || text.Equals("incomplete_expired", StringComparison.OrdinalIgnoreCase))
        {
            return SubscriptionStatus.Incomplete;
        }

        record.Fail(_status, string.Concat(text.IsEmpty ? "Status is empty" : string.Concat("'", record.Written(_status), "' is not a subscription status"),
            ": expected active, trialing, past_due, unpaid, canceled, paused, incomplete or incomplete_expired."));
        return SubscriptionStatus.Active;
    }

    private BillingInterval? ReadInterval(CsvRecord record, SubscriptionStatus status, DateTimeOffset? periodStart, DateTimeOffset? periodEnd)
    {
        if (!StripeSubscriptionInterval.TryParseUnit(record.Span(_interval), out var unit))
        {
            record.Fail(_interval, string.Concat(record.Span(_interval).IsEmpty ? "Interval is empty" : string.Concat("'", record.Written(_interval), "' is not an interval"),
                ": expected day, week, month or year."));
            return null;
        }

        var count = status == SubscriptionStatus.Trialing ? 1 : StripeSubscriptionInterval.CountOf(unit, periodStart, periodEnd);
        var interval = new BillingInterval(unit, count);
        if (count > 1 && _inferredCounts++ == 0)
        {
            (_firstInferredRow, _firstInferred) = (record.Row, interval);
        }

        return interval;
    }

    private DateTimeOffset? ReadStart(CsvRecord record)
    {
        var start = _start.ReadRequired(record, string.Concat(_start.Column.Name,
            " is empty: every subscription needs its start (Start Date (UTC), Start (UTC) or Created (UTC))."));
        var trialEnd = _trialEnd.Read(record);
        return start is { } value && trialEnd > value ? trialEnd : start;
    }

    private (DateTimeOffset? End, bool CancelsAtEnd) ReadEnd(
        CsvRecord record, SubscriptionStatus status, DateTimeOffset? periodStart, DateTimeOffset? periodEnd)
    {
        var end = _endedAt.Read(record);
        var cancelAtPeriodEnd = _cancelAtPeriodEnd.Read(record) ?? false;
        var canceledAt = _canceledAt.Read(record);
        _lastCanceledAt = canceledAt;
        var cancelsAtEnd = false;
        if (end is null && cancelAtPeriodEnd)
        {
            end = periodEnd;
            cancelsAtEnd = true;
            if (periodEnd is null && !record.Span(_currentPeriodEnd.Column).IsEmpty)
            {
                return (null, false);
            }

            if (periodEnd is null)
            {
                record.Fail(_currentPeriodEnd.Column, "Cancel At Period End is true but Current Period End (UTC) is empty: the end of the paid period is needed as the cancellation date.");
            }
        }

        if (end is null && status == SubscriptionStatus.Canceled)
        {
            end = canceledAt;
            if (end is null && record.Span(_canceledAt.Column).IsEmpty)
            {
                record.Fail(_endedAt.Column, "status is canceled but Ended At (UTC) and Canceled At (UTC) are empty: the date service stopped is needed.");
            }
        }

        if (status == SubscriptionStatus.Paused)
        {
            if (periodStart is null)
            {
                if (record.Span(_currentPeriodStart.Column).IsEmpty)
                {
                    record.Fail(_currentPeriodStart.Column, "status is paused but Current Period Start (UTC) is empty: the pause is taken to start there.");
                }

                return (end, false);
            }

            return end is { } ended && ended <= periodStart ? (end, cancelsAtEnd) : (periodStart, false);
        }

        return (end, cancelsAtEnd);
    }

    private enum SubscriptionStatus
    {
        Active,
        Trialing,
        Canceled,
        Paused,
        Incomplete,
    }
}
