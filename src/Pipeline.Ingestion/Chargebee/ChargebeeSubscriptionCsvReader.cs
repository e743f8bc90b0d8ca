using System.Globalization;
using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Chargebee;

/// <summary>Turns the rows of a Chargebee <c>Subscriptions.csv</c> into synthetic snapshot lines and customer records.</summary>
/// <remarks>
/// <para>Amount: <c>plan_unit_price × plan_quantity</c> in minor units of <c>currency_code</c>; the <c>…_in_decimal</c>
/// columns, when filled, are major units and win. A minor-unit value with a decimal separator is read as major units,
/// with a warning (EXPORTS.md B2.1). Dates are <c>yyyy-MM-dd HH:mm:ss</c> in the site time zone, taken to be the
/// tenant's business time zone, or Unix epoch seconds.</para>
/// <para>Service start is <c>max(start_date or started_at, trial_end)</c>. Status (the UI label in title case, or the
/// snake_case API value): <c>Active</c> and <c>Future</c> are open-ended; <c>In Trial</c> is paid from the trial end;
/// <c>Non Renewing</c> ends at the (future) <c>cancelled_at</c>, else at <c>current_term_end</c>, and cancels at end; <c>Cancelled</c> ends at
/// <c>cancelled_at</c>; <c>Paused</c> ends at <c>pause_date</c> and adds a <see cref="LineType.Pause"/> marker up to
/// <c>resume_date</c>. A subscription that ended before its paid start (cancelled in trial) gives no paid line.</para>
/// <para>From the zip: each add-on is a line of its own under the subscription key <c>{id}+addon:{addon}</c>, so it adds
/// to the plan line instead of superseding it; coupons with a known percentage or amount become the line's discount.</para>
/// </remarks>
internal sealed class ChargebeeSubscriptionCsvReader : IExportRowReader
{
    private const string StatusesExpected = "Active, In Trial, Non Renewing, Cancelled, Paused or Future";
    private const string PriceExpected = "a whole number of minor units (cents), such as 4900 for 49.00";
    private const string AddonKey = "+addon:";

    private readonly ExportParseOptions _options;
    private readonly ChargebeeExtras _extras;
    private readonly CsvColumn _id;
    private readonly CsvColumn _customerId;
    private readonly CsvColumn _plan;
    private readonly CsvColumn _status;
    private readonly DecimalColumn _quantity;
    private readonly DecimalColumn _quantityInDecimal;
    private readonly MinorUnitColumn _unitPrice;
    private readonly DecimalColumn _unitPriceInDecimal;
    private readonly CurrencyColumn _currency;
    private readonly VendorIntervalColumns _interval;
    private readonly InstantColumn _startDate;
    private readonly InstantColumn _startedAt;
    private readonly InstantColumn _trialEnd;
    private readonly InstantColumn _currentTermStart;
    private readonly InstantColumn _currentTermEnd;
    private readonly InstantColumn _cancelledAt;
    private readonly InstantColumn _pauseDate;
    private readonly InstantColumn _resumeDate;
    private readonly CsvColumn _company;
    private readonly CsvColumn _firstName;
    private readonly CsvColumn _lastName;
    private readonly CsvColumn _email;
    private readonly CsvColumn _addressCompany;
    private readonly CsvColumn _addressFirstName;
    private readonly CsvColumn _addressLastName;
    private readonly CsvColumn _addressEmail;
    private readonly CsvColumn _country;
    private readonly ChargebeeCustomFields _customFields;
    private readonly CustomerRecordStream _customers = new();
    private readonly StringPool _labels = new();
    private readonly PendingLines _lines = new();
    private readonly HashSet<string> _seenSubscriptions = new(StringComparer.Ordinal);
    private readonly List<string> _unknownCoupons = [];
    private readonly List<string> _majorUnitAddons = [];

    /// <summary>The pause date of the row being read, when its status is Paused.</summary>
    private DateTimeOffset? _pausedAt;

    public ChargebeeSubscriptionCsvReader(CsvHeader header, CsvLayout layout, ExportParseOptions options, ChargebeeExtras extras)
    {
        _options = options;
        _extras = extras;
        var zone = options.BusinessTimeZone;
        var comma = layout.DecimalCommaByDefault;
        _id = header.Column(ChargebeeColumns.Id);
        _customerId = header.Column(ChargebeeColumns.CustomerId);
        _plan = header.Column(ChargebeeColumns.PlanId);
        _status = header.Column(ChargebeeColumns.Status);
        _quantity = new DecimalColumn(header.Column(ChargebeeColumns.PlanQuantity), comma, "a whole number such as 1 or 5");
        _quantityInDecimal = new DecimalColumn(header.Column(ChargebeeColumns.PlanQuantityInDecimal), comma, "a number such as 1 or 2.5");
        _unitPrice = new MinorUnitColumn(header.Column(ChargebeeColumns.PlanUnitPrice), PriceExpected, decimalMeansMajorUnits: true, comma);
        _unitPriceInDecimal = new DecimalColumn(header.Column(ChargebeeColumns.PlanUnitPriceInDecimal), comma,
            "a price in major units such as 49.00", moneyText: true);
        _currency = new CurrencyColumn(header.Column(ChargebeeColumns.CurrencyCode), options.ReportingCurrency,
            "subscriptions.currency_code is empty: every subscription needs an ISO 4217 currency code such as EUR or USD.");
        _interval = new VendorIntervalColumns(header.Column(ChargebeeColumns.BillingPeriodUnit), header.Column(ChargebeeColumns.BillingPeriod));
        _startDate = Date(header, layout, zone, ChargebeeColumns.StartDate);
        _startedAt = Date(header, layout, zone, ChargebeeColumns.StartedAt);
        _trialEnd = Date(header, layout, zone, ChargebeeColumns.TrialEnd);
        _currentTermStart = Date(header, layout, zone, ChargebeeColumns.CurrentTermStart);
        _currentTermEnd = Date(header, layout, zone, ChargebeeColumns.CurrentTermEnd);
        _cancelledAt = Date(header, layout, zone, ChargebeeColumns.CancelledAt);
        _pauseDate = Date(header, layout, zone, ChargebeeColumns.PauseDate);
        _resumeDate = Date(header, layout, zone, ChargebeeColumns.ResumeDate);
        _company = header.Column(ChargebeeColumns.CustomerCompany);
        _firstName = header.Column(ChargebeeColumns.CustomerFirstName);
        _lastName = header.Column(ChargebeeColumns.CustomerLastName);
        _email = header.Column(ChargebeeColumns.CustomerEmail);
        _addressCompany = header.Column(ChargebeeColumns.AddressCompany);
        _addressFirstName = header.Column(ChargebeeColumns.AddressFirstName);
        _addressLastName = header.Column(ChargebeeColumns.AddressLastName);
        _addressEmail = header.Column(ChargebeeColumns.AddressEmail);
        _country = header.Column(ChargebeeColumns.AddressCountry);
        _customFields = new ChargebeeCustomFields(header);
    }

    private enum Status
    {
        Active,
        InTrial,
        NonRenewing,
        Cancelled,
        Paused,
        Future,
    }

    public PendingLines Lines => _lines;

    public CustomerRecordStream Customers => _customers;

    public IReadOnlyList<string> Warnings => BuildWarnings();

    public void Read(CsvRecord record)
    {
        var id = record.Text(_id);
        if (id is null)
        {
            record.Fail(_id, "subscriptions.id is empty: every row needs the id of its subscription.");
        }

        var customerId = record.Text(_customerId);
        if (customerId is null)
        {
            record.Fail(_customerId, "customers.id is empty: every subscription needs the id of its customer.");
        }

        var status = ReadStatus(record);
        var currency = _currency.Read(record);
        var interval = ReadInterval(record);
        var quantity = ReadQuantity(record);
        var unitPrice = ReadUnitPrice(record, currency);
        var dates = ReadDates(record, status);
        var customer = customerId is null ? null : ReadCustomer(record, customerId);
        if (record.HasErrors || id is null || customerId is null || status is null || currency is null || interval is null
            || unitPrice is null || dates is null)
        {
            return;
        }

        var plan = new RevenueLine
        {
            LineKey = id,
            CustomerId = customerId,
            SubscriptionId = id,
            Plan = record.Text(_plan, _labels),
            Quantity = quantity,
            Amount = unitPrice.Value * quantity,
            Currency = currency.Value,
            Interval = interval,
            ServiceStart = dates.Value.Start,
            ServiceEnd = dates.Value.End,
            Status = DocumentStatus.Paid,
            Origin = LineOrigin.SubscriptionSnapshot,
            SnapshotTakenAt = _options.ReceivedAt,
            CurrentPeriodStart = dates.Value.CurrentPeriodStart,
            CancelsAtEnd = status == Status.NonRenewing,

            // The export does not say when non-renewal was chosen: it is known from this snapshot on.
            CancellationRequestedAt = status == Status.NonRenewing ? _options.ReceivedAt : null,
            RowNumber = record.Row,
        };
        var lines = new List<RevenueLine>();
        if (dates.Value.End is not { } end || end > dates.Value.Start)
        {
            lines.Add(plan);
            lines.AddRange(Addons(record, plan));
        }

        if (record.HasErrors)
        {
            return;
        }

        _seenSubscriptions.Add(id);
        if (customer is not null)
        {
            _customers.Add(customer);
        }

        ApplyDiscounts(id, lines);
        _lines.AddRange(lines);
        if (status == Status.Paused)
        {
            _lines.Add(plan with
            {
                LineKey = string.Concat(id, ":pause"),
                LineType = LineType.Pause,
                Amount = 0m,
                Discount = 0m,
                ServiceStart = _pausedAt!.Value,
                ServiceEnd = dates.Value.ResumeAt,
                CurrentPeriodStart = _pausedAt,
            });
        }
    }

    /// <summary>A date in the site time zone (taken to be the business zone), with or without a time, or Unix epoch seconds.</summary>
    private static InstantColumn Date(CsvHeader header, CsvLayout layout, TimeZoneInfo zone, string name) =>
        new(header.Column(name), zone, layout, naiveTimeZone: zone);

    private Status? ReadStatus(CsvRecord record)
    {
        var text = record.Span(_status);
        Span<char> key = stackalloc char[Math.Min(text.Length, 32)];
        var length = 0;
        foreach (var character in text)
        {
            if (length == key.Length)
            {
                break;
            }

            if (character is not (' ' or '_' or '-'))
            {
                key[length++] = char.ToLowerInvariant(character);
            }
        }

        Status? status = key[..length] switch
        {
            "active" => Status.Active,
            "intrial" => Status.InTrial,
            "nonrenewing" => Status.NonRenewing,
            "cancelled" or "canceled" => Status.Cancelled,
            "paused" => Status.Paused,
            "future" => Status.Future,
            _ => null,
        };
        if (status is null)
        {
            record.Fail(_status, text.IsEmpty
                ? string.Concat("subscriptions.status is empty: expected ", StatusesExpected, ".")
                : string.Concat("'", record.Written(_status), "' is not a Chargebee subscription status: expected ", StatusesExpected, "."));
        }

        return status;
    }

    private BillingInterval? ReadInterval(CsvRecord record)
    {
        if (!_interval.TryRead(record, out var interval))
        {
            return null;
        }

        if (interval is null)
        {
            record.Fail(_interval.Unit, "subscriptions.billing_period_unit is empty: every subscription needs its billing period unit (day, week, month or year).");
        }

        return interval;
    }

    private decimal ReadQuantity(CsvRecord record)
    {
        var quantity = _quantityInDecimal.Read(record) ?? _quantity.Read(record) ?? 1m;
        if (quantity > 0m)
        {
            return quantity;
        }

        record.Fail(_quantity.Column, string.Concat("'", record.Written(_quantity.Column), "' is not a quantity: expected a number above 0."));
        return 1m;
    }

    private decimal? ReadUnitPrice(CsvRecord record, CurrencyCode? currency)
    {
        if (!record.Span(_unitPriceInDecimal.Column).IsEmpty)
        {
            return _unitPriceInDecimal.Read(record);
        }

        return _unitPrice.ReadRequired(record, currency,
            "subscriptions.plan_unit_price is empty: every subscription needs its plan price, in minor units (cents).");
    }

    private (DateTimeOffset Start, DateTimeOffset? End, DateTimeOffset? ResumeAt, DateTimeOffset? CurrentPeriodStart)? ReadDates(
        CsvRecord record, Status? status)
    {
        var startDate = _startDate.Read(record);
        var startedAt = _startedAt.Read(record);
        var trialEnd = _trialEnd.Read(record);
        var currentTermStart = _currentTermStart.Read(record);
        var currentTermEnd = _currentTermEnd.Read(record);
        var cancelledAt = _cancelledAt.Read(record);
        var pauseDate = _pauseDate.Read(record);
        var resumeDate = _resumeDate.Read(record);
        if (record.HasErrors || status is null)
        {
            return null;
        }

        var begin = startDate ?? startedAt;
        if (begin is null)
        {
            record.Fail(_startDate.Column, "subscriptions.start_date and subscriptions.started_at are empty: a subscription needs its start.");
            return null;
        }

        if (status == Status.InTrial && trialEnd is null)
        {
            record.Fail(_trialEnd.Column, "subscriptions.trial_end is empty but the status is In Trial: paid service starts at the trial end.");
            return null;
        }

        var start = trialEnd is { } trial && trial > begin ? trial : begin.Value;
        DateTimeOffset? end = status switch
        {
            Status.NonRenewing => cancelledAt ?? currentTermEnd,
            Status.Cancelled => cancelledAt,
            Status.Paused => pauseDate,
            _ => null,
        };
        _pausedAt = status == Status.Paused ? pauseDate : null;
        if (end is null && status is Status.NonRenewing or Status.Cancelled or Status.Paused)
        {
            var column = status == Status.Paused ? _pauseDate.Column : _cancelledAt.Column;
            record.Fail(column, string.Concat(column.Name, " is empty but the status is ", record.Written(_status),
                ": fill in when the subscription ends (", status == Status.Paused ? "the pause date" : "the cancellation date", ")."));
            return null;
        }

        if (status == Status.Paused && resumeDate is { } resume && resume <= end)
        {
            record.Fail(_resumeDate.Column, "subscriptions.resume_date is not after subscriptions.pause_date: a pause resumes after it starts.");
            return null;
        }

        // A paused subscription keeps its paid line open: the pause marker, which starts later, wins while the pause
        // lasts (MRR 0, paused rather than churned), and the paid line counts again once the pause ends.
        return (start, status == Status.Paused ? null : end, resumeDate, currentTermStart);
    }

    private CustomerRecord? ReadCustomer(CsvRecord record, string customerId)
    {
        var name = record.Text(_company, _labels) ?? record.Text(_addressCompany, _labels)
            ?? ContactColumns.FullName(record, _firstName, _lastName) ?? ContactColumns.FullName(record, _addressFirstName, _addressLastName);
        var email = ContactColumns.ReadEmail(record, _email.IsPresent && !record.Span(_email).IsEmpty ? _email : _addressEmail);
        var country = ContactColumns.ReadCountry(record, _country, _labels);
        var customer = _customFields.Apply(record, new CustomerRecord
        {
            CustomerId = customerId,
            Name = name,
            Email = email,
            Country = country,
            RowNumber = record.Row,
        });
        return customer;
    }

    private IEnumerable<RevenueLine> Addons(CsvRecord record, RevenueLine plan)
    {
        if (!_extras.Addons.TryGetValue(plan.SubscriptionId!, out var addons))
        {
            yield break;
        }

        foreach (var addon in addons)
        {
            var amount = AddonAmount(addon, plan.Currency, out var quantity);
            if (amount is null)
            {
                record.Fail(_id, string.Concat("add-on ", addon.AddonId, " of subscription ", plan.SubscriptionId,
                    " in SubscriptionAddons.csv has no valid Addon Amount or Addon Unit Price × Addon Quantity: expected whole numbers of minor units."));
                continue;
            }

            var key = string.Concat(plan.SubscriptionId, AddonKey, addon.AddonId);
            yield return plan with
            {
                LineKey = key,
                SubscriptionId = key,
                Plan = addon.AddonId,
                Quantity = quantity,
                Amount = amount.Value,
            };
        }
    }

    private decimal? AddonAmount(ChargebeeAddon addon, CurrencyCode currency, out decimal quantity)
    {
        quantity = 1m;
        if (addon.Quantity is { Length: > 0 } written)
        {
            if (!decimal.TryParse(written, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quantity) || quantity <= 0m)
            {
                return null;
            }
        }

        if (addon.Amount is { Length: > 0 } amountText)
        {
            return Convert(addon, amountText, currency);
        }

        return addon.UnitPrice is { Length: > 0 } unitText && Convert(addon, unitText, currency) is { } unit ? unit * quantity : null;
    }

    private decimal? Convert(ChargebeeAddon addon, string text, CurrencyCode currency)
    {
        if (!MinorUnitColumn.TryConvert(text, currency, out var major, out var writtenInMajorUnits))
        {
            return null;
        }

        if (writtenInMajorUnits)
        {
            _majorUnitAddons.Add(addon.SubscriptionId);
        }

        return major;
    }

    /// <summary>Sets the discount of the subscription's lines from its coupons and discounts, when their value is known.</summary>
    private void ApplyDiscounts(string subscriptionId, List<RevenueLine> lines)
    {
        var discounts = new List<ChargebeeDiscount>();
        if (_extras.Discounts.TryGetValue(subscriptionId, out var own))
        {
            discounts.AddRange(own);
        }

        if (_extras.Coupons.TryGetValue(subscriptionId, out var coupons))
        {
            foreach (var coupon in coupons)
            {
                if (_extras.CouponCatalogue.TryGetValue(coupon, out var known))
                {
                    discounts.Add(known);
                }
                else if (own is null)
                {
                    _unknownCoupons.Add(string.Concat(subscriptionId, " (", coupon, ")"));
                }
            }
        }

        for (var index = 0; index < lines.Count && discounts.Count > 0; index++)
        {
            var line = lines[index];
            var discount = 0m;
            foreach (var applied in discounts.Where(candidate => candidate.IsRecurring))
            {
                if (applied.Percentage is { } percentage)
                {
                    discount += line.Amount * percentage / 100m;
                }
                else if (index == 0 && applied.Amount is { } text && MinorUnitColumn.TryConvert(text, line.Currency, out var fixedAmount, out _))
                {
                    discount += fixedAmount;
                }
            }

            lines[index] = line with { Discount = Math.Min(discount, line.Amount) };
        }
    }

    private List<string> BuildWarnings()
    {
        var warnings = new List<string>();
        if (_unitPrice.FirstMajorUnitRow is { } row)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"subscriptions.plan_unit_price is in minor units (cents), but {_unitPrice.MajorUnitValues} value(s) have a decimal separator (first on row {row}); those were read as major units. Check that the export's prices are not mixed."));
        }

        if (_majorUnitAddons.Count > 0)
        {
            warnings.Add(string.Concat("SubscriptionAddons.csv amounts are in minor units (cents), but some have a decimal separator and were read as major units: subscriptions ",
                string.Join(", ", _majorUnitAddons.Distinct(StringComparer.Ordinal)), "."));
        }

        if (_unknownCoupons.Count > 0)
        {
            warnings.Add(string.Concat("SubscriptionCoupons.csv names coupons whose discount is not in the zip (no Coupons.csv or SubscriptionDiscounts.csv entry), ",
                "so the MRR of these subscriptions is before their coupon: ", string.Join(", ", _unknownCoupons), "."));
        }

        var orphans = _extras.Addons.Keys.Where(id => !_seenSubscriptions.Contains(id)).Order(StringComparer.Ordinal).ToList();
        if (orphans.Count > 0)
        {
            warnings.Add(string.Concat("SubscriptionAddons.csv has add-ons of subscriptions that are not in Subscriptions.csv (or whose row is bad); they were ignored: ",
                string.Join(", ", orphans), "."));
        }

        return warnings;
    }
}
