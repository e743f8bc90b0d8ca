using System.Globalization;
using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Stripe;

/// <summary>Reads a Stripe payments export (EXPORTS.md B1.4) into money movements and customer records.</summary>
/// <remarks>
/// <para>
/// Each charge is a <see cref="MoneyMovementType.Payment"/> (status <c>Paid</c>, <c>succeeded</c> or <c>Refunded</c>) or a
/// <see cref="MoneyMovementType.FailedPayment"/> (<c>Failed</c>), dated by <c>Created (UTC)</c> (older exports:
/// <c>Created</c>). <c>Pending</c>, <c>Canceled</c> and <c>Blocked</c> charges moved no money and are left out with one
/// warning. A positive <c>Amount Refunded</c> adds a <see cref="MoneyMovementType.Refund"/> keyed <c>{id}:refund</c>
/// with the negative amount. The export has no refund date, so the refund is dated by its charge with
/// <see cref="MoneyMovement.TimingEstimated"/>; it is a full refund when it equals the charge's amount.
/// </para>
/// <para>
/// Customers come from <c>Customer ID</c>, <c>Customer Description</c> and <c>Customer Email</c>; the card's country is
/// where the card was issued, not where the customer is billed, so it is not used. Amounts are major units.
/// </para>
/// </remarks>
internal sealed class StripePaymentCsvReader : IExportRowReader
{
    private const string AmountExpected = "an amount in major units such as 19.00 or 19,00";

    private readonly StripeIdCheck _id;
    private readonly CsvColumn _customerId;
    private readonly CsvColumn _status;
    private readonly CsvColumn _invoiceId;
    private readonly CurrencyColumn _currency;
    private readonly DecimalColumn _amount;
    private readonly DecimalColumn _refunded;
    private readonly InstantColumn _created;
    private readonly StripeCustomerColumns _customer;
    private readonly CustomerRecordStream _customers = new();
    private readonly StringPool _ids = new();
    private readonly StringPool _statuses = new();
    private readonly List<MoneyMovement> _movements = [];
    private int _skipped;

    public StripePaymentCsvReader(CsvHeader header, CsvLayout layout, ExportParseOptions options)
    {
        var comma = layout.DecimalCommaByDefault;
        _id = new StripeIdCheck(header.Column(StripeColumns.Id), "payment", "ch_", "py_");
        _customerId = header.Column(StripeColumns.CustomerId);
        _status = header.Column(StripeColumns.Status);
        _invoiceId = header.Column(StripeColumns.InvoiceId);
        _currency = new CurrencyColumn(header.Column(StripeColumns.Currency), reportingCurrency: null);
        _amount = new DecimalColumn(header.Column(StripeColumns.Amount), comma, AmountExpected, moneyText: true);
        _refunded = new DecimalColumn(header.Column(StripeColumns.AmountRefunded), comma, AmountExpected, moneyText: true);
        _created = new InstantColumn(
            StripeCustomerColumns.FirstPresent(header, StripeColumns.Created, StripeColumns.CreatedWithoutZone),
            options.BusinessTimeZone, layout, TimeZoneInfo.Utc);
        _customer = new StripeCustomerColumns(
            [header.Column(StripeColumns.CustomerDescription)], header.Column(StripeColumns.CustomerEmail),
            new CsvColumn(-1, StripeColumns.AddressCountry), createdAt: null, new StripeMetadataColumns(header));
    }

    public CustomerRecordStream Customers => _customers;

    public IReadOnlyList<MoneyMovement> Movements => _movements;

    public IReadOnlyList<string> Warnings
    {
        get
        {
            var warnings = new List<string>();
            if (_id.Warning is { } prefix)
            {
                warnings.Add(prefix);
            }

            if (_skipped > 0)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{_skipped} pending, canceled or blocked charge(s) moved no money and were left out."));
            }

            return warnings;
        }
    }

    public void Read(CsvRecord record)
    {
        var id = _id.Read(record);
        var type = ReadType(record);
        var customerId = record.Text(_customerId, _ids);
        var customer = customerId is null ? null : _customer.Read(record, customerId);
        var amount = _amount.ReadRequired(record, "Amount is empty: every charge needs its amount in major units.");
        var refunded = _refunded.Read(record) ?? 0m;
        var currency = _currency.Read(record);
        var created = _created.ReadRequired(record, string.Concat(_created.Column.Name, " is empty: every charge needs the time it was made."));
        if (amount < 0m)
        {
            record.Fail(_amount.Column, string.Concat("'", record.Written(_amount.Column), "' is negative: a charge amount is zero or more (refunds are in Amount Refunded)."));
        }

        if (refunded < 0m || (amount >= 0m && refunded > amount))
        {
            record.Fail(_refunded.Column, string.Concat("'", record.Written(_refunded.Column), "' is not a refunded amount: expected between 0 and the charge's Amount."));
        }

        if (record.HasErrors || id is null || amount is null || currency is null || created is null)
        {
            return;
        }

        if (type is null)
        {
            _skipped++;
            return;
        }

        var status = record.Text(_status, _statuses);
        var invoiceId = record.Text(_invoiceId, _ids);
        _movements.Add(new MoneyMovement
        {
            MovementKey = id,
            Type = type.Value,
            CustomerId = customerId,
            InvoiceId = invoiceId,
            Amount = amount.Value,
            Currency = currency.Value,
            OccurredAt = created.Value,
            Status = status,
            RowNumber = record.Row,
        });
        if (refunded > 0m)
        {
            _movements.Add(new MoneyMovement
            {
                MovementKey = string.Concat(id, ":refund"),
                Type = MoneyMovementType.Refund,
                CustomerId = customerId,
                InvoiceId = invoiceId,
                RelatedMovementKey = id,
                Amount = -refunded,
                Currency = currency.Value,
                OccurredAt = created.Value,
                TimingEstimated = true,
                IsFullRefund = refunded == amount.Value,
                Status = status,
                RowNumber = record.Row,
            });
        }

        if (customer is not null)
        {
            _customers.Add(customer);
        }
    }

    /// <summary>The movement type, or null for a charge that moved no money (pending, canceled, blocked).</summary>
    private MoneyMovementType? ReadType(CsvRecord record)
    {
        var text = record.Span(_status);
        if (IsAny(text, "paid", "succeeded", "refunded", "partially refunded", "partially_refunded"))
        {
            return MoneyMovementType.Payment;
        }

        if (IsAny(text, "failed"))
        {
            return MoneyMovementType.FailedPayment;
        }

        if (IsAny(text, "pending", "canceled", "blocked"))
        {
            return null;
        }

        record.Fail(_status, string.Concat(text.IsEmpty ? "Status is empty" : string.Concat("'", record.Written(_status), "' is not a charge status"),
            ": expected Paid, Refunded or Failed (also succeeded, Pending, Canceled or Blocked)."));
        return null;
    }

    private static bool IsAny(ReadOnlySpan<char> text, params ReadOnlySpan<string> words)
    {
        foreach (var word in words)
        {
            if (text.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
