using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Profiles;

/// <summary>Reads the rows of a file through a tenant's mapping profile into revenue lines and customer records.</summary>
/// <remarks>
/// The amount is the <c>amount</c> column, else <c>unit_price</c> × <c>quantity</c>, in the profile's unit. Dates use the
/// profile's exact format in the business time zone; an inclusive service end gets one day added. The line key is
/// the <c>line_id</c> value, else <c>{invoice id}#{n}</c> (the n-th row of that invoice in the file, so a preamble or a
/// re-export with other rows around it keeps the keys), else the hash of the row.
/// </remarks>
internal sealed class MappingProfileCsvReader : IExportRowReader
{
    private readonly MappingProfile _profile;
    private readonly TimeZoneInfo _timeZone;
    private readonly CurrencyCode? _reportingCurrency;
    private readonly CsvColumn _customerId;
    private readonly CsvColumn _lineId;
    private readonly CsvColumn _invoiceId;
    private readonly CsvColumn _subscriptionId;
    private readonly CsvColumn _plan;
    private readonly CsvColumn _product;
    private readonly CsvColumn _description;
    private readonly CsvColumn _currency;
    private readonly ProfileNumberColumn _quantity;
    private readonly ProfileNumberColumn _unitPrice;
    private readonly ProfileNumberColumn _amount;
    private readonly ProfileNumberColumn _discount;
    private readonly ProfileNumberColumn _tax;
    private readonly ProfileDateColumn _issuedAt;
    private readonly ProfileDateColumn _dueAt;
    private readonly ProfileDateColumn _refundedAt;
    private readonly ProfileServicePeriod _period;
    private readonly ProfileLineClassifier _classifier;
    private readonly CustomerAttributeColumns _customer;
    private readonly CustomerRecordStream _customers = new();
    private readonly Dictionary<string, int> _invoiceRows = new(StringComparer.Ordinal);
    private readonly StringPool _ids = new();
    private readonly StringPool _labels = new();
    private readonly PendingLines _lines = new();
    private readonly List<string> _warnings = [];

    public MappingProfileCsvReader(MappingProfile profile, CsvHeader header, CsvLayout layout, ExportParseOptions options)
    {
        _profile = profile;
        _timeZone = options.BusinessTimeZone;
        _reportingCurrency = options.ReportingCurrency;
        CsvColumn Column(string field) => profile.Columns.TryGetValue(field, out var written)
            ? header.Column(HeaderName.Normalise(written))
            : new CsvColumn(-1, field);
        _customerId = Column(MappingProfileFields.CustomerId);
        _lineId = Column(MappingProfileFields.LineId);
        _invoiceId = Column(MappingProfileFields.InvoiceId);
        _subscriptionId = Column(MappingProfileFields.SubscriptionId);
        _plan = Column(MappingProfileFields.Plan);
        _product = Column(MappingProfileFields.Product);
        _description = Column(MappingProfileFields.Description);
        _currency = Column(MappingProfileFields.Currency);
        _quantity = new ProfileNumberColumn(Column(MappingProfileFields.Quantity), layout, profile, isMoney: false);
        _unitPrice = new ProfileNumberColumn(Column(MappingProfileFields.UnitPrice), layout, profile, isMoney: true);
        _amount = new ProfileNumberColumn(Column(MappingProfileFields.Amount), layout, profile, isMoney: true);
        _discount = new ProfileNumberColumn(Column(MappingProfileFields.Discount), layout, profile, isMoney: true);
        _tax = new ProfileNumberColumn(Column(MappingProfileFields.Tax), layout, profile, isMoney: true);
        _issuedAt = new ProfileDateColumn(Column(MappingProfileFields.IssuedAt), profile.DateFormat);
        _dueAt = new ProfileDateColumn(Column(MappingProfileFields.DueAt), profile.DateFormat);
        _refundedAt = new ProfileDateColumn(Column(MappingProfileFields.RefundedAt), profile.DateFormat);
        _period = new ProfileServicePeriod(
            new ProfileDateColumn(Column(MappingProfileFields.ServiceStart), profile.DateFormat),
            new ProfileDateColumn(Column(MappingProfileFields.ServiceEnd), profile.DateFormat),
            profile.ServiceEndInclusive, _timeZone);
        _classifier = new ProfileLineClassifier(profile, Column);
        _customer = CustomerAttributeColumns.Of(Column(MappingProfileFields.CustomerName), Column(MappingProfileFields.Email),
            Column(MappingProfileFields.Country), Column(MappingProfileFields.Segment), Column(MappingProfileFields.Channel),
            Column(MappingProfileFields.Campaign));
        var absent = profile.Columns.Where(pair => !header.Has(HeaderName.Normalise(pair.Value))).Select(pair => $"{pair.Key} ('{pair.Value}')").ToList();
        if (absent.Count > 0)
        {
            _warnings.Add(string.Concat("The file has no column for ", string.Join(", ", absent), " of profile '", profile.Name, "'; they are left empty."));
        }
    }

    public PendingLines Lines => _lines;

    public CustomerRecordStream Customers => _customers;

    public IReadOnlyList<string> Warnings => _warnings;

    public void Read(CsvRecord record)
    {
        var invoiceId = record.Text(_invoiceId, _ids);
        var lineKey = record.Text(_lineId) ?? (invoiceId is null ? null : string.Concat(invoiceId, "#", NextRowOf(invoiceId)));
        var customerId = record.Text(_customerId, _ids);
        if (customerId is null)
        {
            record.Fail(_customerId, "the customer id is empty: every line needs the id of its customer.");
        }

        var description = record.Span(_description);
        var currency = ReadCurrency(record);
        var amount = ReadAmount(record, currency, out var quantity);
        var discount = Math.Abs(_discount.Read(record, currency) ?? 0m);
        var tax = _tax.Read(record, currency) ?? 0m;
        var lineType = _classifier.ReadLineType(record, description, amount);
        var status = _classifier.ReadStatus(record);
        var intervalIsValid = _classifier.TryReadInterval(record, description, out var interval);
        var issuedAt = _issuedAt.Read(record);
        var dueAt = _dueAt.Read(record);
        var refundedAt = ReadRefundedAt(record, status);
        var period = intervalIsValid ? _period.Read(record, lineType, interval, issuedAt) : null;
        var customer = customerId is null ? null : _customer.Read(record, customerId);
        if (record.HasErrors || customerId is null || amount is null || currency is null || period is null)
        {
            return;
        }

        _lines.Add(new RevenueLine
        {
            LineKey = lineKey ?? record.ContentHash(),
            CustomerId = customerId,
            InvoiceId = invoiceId,
            SubscriptionId = record.Text(_subscriptionId, _ids),
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
            IssuedAt = Instant(issuedAt),
            DueAt = Instant(dueAt),
            Status = status,
            RefundedAt = Instant(refundedAt),
            RowNumber = record.Row,
        });
        if (customer is not null)
        {
            _customers.Add(customer);
        }
    }

    private int NextRowOf(string invoiceId)
    {
        var row = _invoiceRows.GetValueOrDefault(invoiceId) + 1;
        _invoiceRows[invoiceId] = row;
        return row;
    }

    private CurrencyCode? ReadCurrency(CsvRecord record)
    {
        var text = record.Span(_currency);
        CurrencyCode currency;
        if (text.IsEmpty)
        {
            if (_profile.Currency is not { } fallback)
            {
                record.Fail(_currency, "the currency is empty and the profile sets no default currency: fill in a code such as EUR.");
                return null;
            }

            currency = fallback;
        }
        else if (!CurrencyCode.TryParse(text.ToString(), out currency))
        {
            record.Fail(_currency, string.Concat("'", record.Written(_currency), "' is not an ISO 4217 currency code: expected a code such as EUR or USD."));
            return null;
        }

        if (_reportingCurrency is { } reporting && currency != reporting)
        {
            record.Fail(_currency, string.Concat("currency ", currency.Code, " differs from the reporting currency ", reporting.Code, "."));
            return null;
        }

        return currency;
    }

    /// <summary>The <c>amount</c> value, or <c>unit_price</c> × <c>quantity</c> when the profile maps no amount.</summary>
    private decimal? ReadAmount(CsvRecord record, CurrencyCode? currency, out decimal quantity)
    {
        quantity = _quantity.Read(record, null) ?? 1m;
        var source = _amount.IsPresent || !_unitPrice.IsPresent ? _amount : _unitPrice;
        var text = record.Span(source.Column);
        if (text.IsEmpty || MoneyText.IsEmptyMarker(text))
        {
            record.Fail(source.Column, source == _amount
                ? "the amount is empty: every line needs its total before discount, excluding tax."
                : "the unit price is empty: every line needs its price per unit, excluding tax.");
            return null;
        }

        var value = source.Read(record, currency);
        return source == _amount ? value : value * quantity;
    }

    private DateTime? ReadRefundedAt(CsvRecord record, DocumentStatus status)
    {
        var refundedAt = _refundedAt.Read(record);
        if (status == DocumentStatus.Refunded && record.Span(_refundedAt.Column).IsEmpty)
        {
            record.Fail(_refundedAt.Column, "the status is refunded but the refund date is empty: map refunded_at and fill it in.");
        }

        return refundedAt;
    }

    private DateTimeOffset? Instant(DateTime? local) => local is { } value ? ProfileDates.ToInstant(value, _timeZone) : null;
}
