using Pipeline.Domain.Metrics;

namespace Pipeline.Domain.Receivables;

/// <summary>Money outstanding at the customers at a month end <c>T_m</c>, aged by days past due (METRICS.md §10).</summary>
/// <remarks>
/// <para>
/// The invoices are those of the revenue lines (grouped by invoice id; a line without one is its own document) and of
/// the invoices export (B1.2), which gives the status, dates and total where it knows them. Void, draft and canceled
/// invoices were never owed. An invoice issued by <c>T_m</c> is outstanding at <c>T_m</c> when it is open or past due, or
/// paid with a linked payment after <c>T_m</c>; its balance is its total less the linked payments by <c>T_m</c>. A paid
/// invoice without a linked payment counts as paid at every month end: no export says when it was paid.
/// </para>
/// <para>
/// Aging: whole days from the due date to <c>T_m</c>; under one day is not yet due, then 1–30, 31–60, 61–90, over 90.
/// Amounts are converted into the reporting currency at <c>T_m</c>'s rate (<c>r_m</c>). <b>DSO</b> = receivables ÷ the
/// invoiced amount (every invoice that was owed, issued in the month and the two before it) × 91; null when nothing was
/// invoiced.
/// </para>
/// </remarks>
public sealed class ReceivablesAging
{
    /// <summary>The days of the three months DSO looks back on.</summary>
    public const int DsoDays = 91;

    private ReceivablesAging(BillingMonth month, DateTimeOffset measuredAt, CurrencyCode currency, IReadOnlyList<Invoice> invoices)
    {
        (Month, MeasuredAt, Currency, Invoices) = (month, measuredAt, currency, invoices);
    }

    public BillingMonth Month { get; }

    /// <summary><c>T_m</c>: the month's last instant in the business time zone.</summary>
    public DateTimeOffset MeasuredAt { get; }

    /// <summary>The reporting currency.</summary>
    public CurrencyCode Currency { get; }

    /// <summary>Every invoice that was owed and issued by <c>T_m</c> (balance 0 when nothing was outstanding), oldest first.</summary>
    public IReadOnlyList<Invoice> Invoices { get; }

    /// <summary>The invoices with an unpaid balance at <c>T_m</c>.</summary>
    public IEnumerable<Invoice> Outstanding => Invoices.Where(invoice => invoice.Balance > 0m);

    /// <summary>Ages the ledger's invoices at the end of <paramref name="month"/>.</summary>
    /// <param name="month">The month whose end <c>T_m</c> the receivables are measured at.</param>
    /// <param name="timeZone">The business time zone.</param>
    /// <param name="reportingCurrency">The currency the amounts are reported in.</param>
    /// <param name="lines">The latest version of every invoice line, with its document's latest status, in source order.</param>
    /// <param name="documents">The invoices export's records (the last per invoice).</param>
    /// <param name="movements">Payments, refunds and credits.</param>
    /// <param name="rates">Month-end exchange rates.</param>
    /// <exception cref="MissingExchangeRateException">An invoice in another currency has no rate for the month's end.</exception>
    public static ReceivablesAging At(
        BillingMonth month,
        TimeZoneInfo timeZone,
        CurrencyCode reportingCurrency,
        IEnumerable<InvoiceLine> lines,
        IEnumerable<InvoiceDocument> documents,
        IEnumerable<MoneyMovement> movements,
        ExchangeRateTable rates)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(movements);
        ArgumentNullException.ThrowIfNull(rates);
        var end = month.EndInstant(timeZone);
        var drafts = new Dictionary<string, Draft>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var id = line.InvoiceKey;
            if (!drafts.TryGetValue(id, out var draft))
            {
                drafts[id] = draft = new Draft(id, line.CustomerId, line.Currency, line.RowNumber) { Plan = line.Plan, Product = line.Product };
            }

            draft.Add(line);
        }

        foreach (var document in documents)
        {
            if (!drafts.TryGetValue(document.InvoiceId, out var draft))
            {
                if (document.CustomerId is null || document.Currency is null || document.Total is null)
                {
                    // Without lines, only a record naming its customer, currency and total says what was owed.
                    continue;
                }

                drafts[document.InvoiceId] = draft = new Draft(document.InvoiceId, document.CustomerId, document.Currency.Value, document.RowNumber);
            }

            draft.Document = document;
        }

        var paid = new Dictionary<string, (decimal ByEnd, bool After)>(StringComparer.Ordinal);
        foreach (var movement in movements)
        {
            if (movement.Type != MoneyMovementType.Payment || movement.InvoiceId is not { } invoiceId || movement.Amount <= 0m)
            {
                continue;
            }

            var (byEnd, after) = paid.GetValueOrDefault(invoiceId);
            paid[invoiceId] = movement.OccurredAt <= end ? (byEnd + movement.Amount, after) : (byEnd, true);
        }

        var invoices = new List<Invoice>();
        foreach (var draft in drafts.Values)
        {
            if (draft.Build(month, timeZone, paid.GetValueOrDefault(draft.InvoiceId), rates, reportingCurrency) is { } invoice)
            {
                invoices.Add(invoice);
            }
        }

        invoices.Sort((left, right) => left.IssuedAt != right.IssuedAt
            ? left.IssuedAt.CompareTo(right.IssuedAt)
            : string.CompareOrdinal(left.InvoiceId, right.InvoiceId));
        return new ReceivablesAging(month, end, reportingCurrency, invoices);
    }

    /// <summary>The aging of <paramref name="invoices"/> (some of <see cref="Invoices"/>, for example one customer's or one segment's).</summary>
    public ReceivablesTotals Totals(IEnumerable<Invoice> invoices)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        var buckets = new decimal[5];
        var invoiced = 0m;
        var outstanding = 0;
        var customers = new HashSet<string>(StringComparer.Ordinal);
        var firstInvoicedMonth = Month.PlusMonths(-2);
        long? oldest = null;
        foreach (var invoice in invoices)
        {
            if (invoice.IssuedMonth >= firstInvoicedMonth)
            {
                invoiced += invoice.ReportedTotal;
            }

            if (invoice.Balance <= 0m)
            {
                continue;
            }

            buckets[(int)invoice.Bucket] += invoice.ReportedBalance;
            outstanding++;
            customers.Add(invoice.CustomerId);
            oldest = Math.Max(oldest ?? long.MinValue, invoice.DaysPastDue);
        }

        var total = buckets.Sum();
        return new ReceivablesTotals
        {
            Customers = customers.Count,
            Invoices = outstanding,
            NotYetDue = buckets[(int)AgingBucket.NotYetDue],
            Days1To30 = buckets[(int)AgingBucket.Days1To30],
            Days31To60 = buckets[(int)AgingBucket.Days31To60],
            Days61To90 = buckets[(int)AgingBucket.Days61To90],
            Over90 = buckets[(int)AgingBucket.Over90],
            Total = total,
            InvoicedLastThreeMonths = invoiced,
            Dso = invoiced > 0m ? Math.Round(total / invoiced * DsoDays, 1, MidpointRounding.ToEven) : null,
            OldestDaysPastDue = oldest is { } days ? (int)days : null,
        };
    }

    /// <summary>The bucket of a balance <paramref name="daysPastDue"/> whole days past due.</summary>
    public static AgingBucket BucketOf(int daysPastDue) => daysPastDue switch
    {
        < 1 => AgingBucket.NotYetDue,
        <= 30 => AgingBucket.Days1To30,
        <= 60 => AgingBucket.Days31To60,
        <= 90 => AgingBucket.Days61To90,
        _ => AgingBucket.Over90,
    };

    /// <summary>An invoice being gathered from its lines and its invoice record.</summary>
    private sealed class Draft(string invoiceId, string customerId, CurrencyCode currency, long rowNumber)
    {
        private decimal _lineTotal;
        private DateTimeOffset? _issuedAt;
        private DateTimeOffset? _dueAt;
        private DateTimeOffset? _firstStart;
        private DocumentStatus? _lineStatus;

        public string InvoiceId { get; } = invoiceId;

        public InvoiceDocument? Document { get; set; }

        public string? Plan { get; init; }

        public string? Product { get; init; }

        public void Add(InvoiceLine line)
        {
            _lineTotal += line.Owed;
            _issuedAt = Earliest(_issuedAt, line.IssuedAt);
            _dueAt = Earliest(_dueAt, line.DueAt);
            _firstStart = Earliest(_firstStart, line.ServiceStart);

            // The lines carry their document's latest status; the last one read is the newest file's.
            _lineStatus = line.Status;
        }

        public Invoice? Build(
            BillingMonth month, TimeZoneInfo timeZone, (decimal ByEnd, bool After) paid, ExchangeRateTable rates, CurrencyCode reportingCurrency)
        {
            var end = month.EndInstant(timeZone);
            var status = Document?.Status ?? _lineStatus ?? DocumentStatus.Paid;
            var issuedAt = Document?.IssuedAt ?? _issuedAt ?? _firstStart;
            if (status is DocumentStatus.Void or DocumentStatus.Draft or DocumentStatus.Canceled || issuedAt is not { } issued || issued > end)
            {
                return null;
            }

            var dueAt = Document?.DueAt ?? _dueAt ?? issued;
            var currencyOfInvoice = Document?.Currency ?? currency;
            var total = Document?.Total ?? _lineTotal;
            var unpaid = status is DocumentStatus.Open or DocumentStatus.PastDue || (status == DocumentStatus.Paid && paid.After);
            var balance = unpaid ? Math.Max(0m, total - paid.ByEnd) : 0m;
            var rate = currencyOfInvoice == reportingCurrency ? 1m : rates.RateAt(currencyOfInvoice, reportingCurrency, month);
            var days = (int)Math.Floor((end - dueAt).TotalDays);
            return new Invoice
            {
                InvoiceId = InvoiceId,
                CustomerId = Document?.CustomerId ?? customerId,
                Currency = currencyOfInvoice,
                Status = status,
                IssuedAt = issued,
                IssuedMonth = BillingMonth.Containing(issued, timeZone),
                DueAt = dueAt,
                Total = total,
                PaidByMonthEnd = paid.ByEnd,
                Balance = balance,
                ReportedTotal = total * rate,
                ReportedBalance = balance * rate,
                DaysPastDue = days,
                Bucket = BucketOf(days),
                Plan = Plan,
                Product = Product,
                RowNumber = rowNumber,
            };
        }

        private static DateTimeOffset? Earliest(DateTimeOffset? current, DateTimeOffset? candidate) =>
            candidate is { } value && (current is null || value < current) ? value : current;
    }
}
