namespace Pipeline.Domain;

/// <summary>One invoice line (or a synthetic line made from a subscription snapshot): the basis of MRR.</summary>
/// <remarks>
/// Amounts are in major units of <see cref="Currency"/>, excluding tax, before discount. The service period is
/// half-open <c>[ServiceStart, ServiceEnd)</c>; a null end means open-ended (a live subscription). Instants are UTC.
/// A line's position in the ledger list is its source order, the last tie-breaker of the supersede rule.
/// </remarks>
public sealed record RevenueLine
{
    /// <summary>
    /// The fields most lines leave unset (<see cref="RefundedAt"/>, <see cref="CreditedFrom"/> and the snapshot fields),
    /// kept in one shared immutable object, or null when all are unset.
    /// </summary>
    /// <remarks>
    /// A nullable <see cref="DateTimeOffset"/> takes 24 bytes, so keeping the first five of these inline made every
    /// invoice line about 100 bytes larger for values only snapshot, refunded and credited lines have; ingesting a million lines keeps a
    /// million of these objects. (<see cref="DueAt"/> stays inline: most invoice formats set it.) Each init accessor
    /// replaces the object (copy on write), so a <c>with</c> expression
    /// never changes the line it copies; equality compares the values, and all-unset is always stored as null.
    /// </remarks>
    private Rare? _rare;

    /// <summary>The line id in the source, or the hash of the row when the source has none.</summary>
    public required string LineKey { get; init; }

    public required string CustomerId { get; init; }

    public string? InvoiceId { get; init; }

    /// <summary>The subscription in the source; lines of one subscription supersede each other.</summary>
    public string? SubscriptionId { get; init; }

    public string? Plan { get; init; }

    public string? Product { get; init; }

    public LineType LineType { get; init; } = LineType.Recurring;

    public decimal Quantity { get; init; } = 1m;

    /// <summary>The line total before discount, excluding tax.</summary>
    public required decimal Amount { get; init; }

    /// <summary>The discount on the line, zero or positive.</summary>
    public decimal Discount { get; init; }

    public decimal Tax { get; init; }

    public required CurrencyCode Currency { get; init; }

    /// <summary>The billing interval; null only for lines that are not recurring.</summary>
    public BillingInterval? Interval { get; init; }

    /// <summary>True when <see cref="Interval"/> was inferred from the service period; such a line is never prorated.</summary>
    public bool IntervalInferred { get; init; }

    public required DateTimeOffset ServiceStart { get; init; }

    public DateTimeOffset? ServiceEnd { get; init; }

    public DateTimeOffset? IssuedAt { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    public DocumentStatus Status { get; init; } = DocumentStatus.Paid;

    /// <summary>With <see cref="DocumentStatus.Refunded"/>: the line no longer counts from this instant.</summary>
    public DateTimeOffset? RefundedAt
    {
        get => _rare?.RefundedAt;
        init
        {
            if (!Rare.Same(value, RefundedAt))
            {
                _rare = Rare.Keep((_rare ?? Rare.None) with { RefundedAt = value });
            }
        }
    }

    /// <summary>
    /// The line stops counting from this instant: an unused-time proration credit of its subscription item starts here
    /// (METRICS.md §1, Proration); null for almost every line. Set when the ledger is read (<see cref="ProrationCredits"/>),
    /// never stored.
    /// </summary>
    /// <remarks>
    /// A separate instant rather than an earlier <see cref="ServiceEnd"/>: the billed period is what proration and
    /// interval inference are computed from, so an annual line credited in June keeps counting 1/12 a month until then
    /// instead of being scaled up as a five-and-a-half-month line.
    /// </remarks>
    public DateTimeOffset? CreditedFrom
    {
        get => _rare?.CreditedFrom;
        init
        {
            if (!Rare.Same(value, CreditedFrom))
            {
                _rare = Rare.Keep((_rare ?? Rare.None) with { CreditedFrom = value });
            }
        }
    }

    /// <summary>An invoice line, or a synthetic line from a subscription snapshot.</summary>
    public LineOrigin Origin { get; init; } = LineOrigin.InvoiceLine;

    /// <summary>For a snapshot line: when the snapshot was taken (the export time, else when the file was received).</summary>
    public DateTimeOffset? SnapshotTakenAt
    {
        get => _rare?.SnapshotTakenAt;
        init
        {
            if (!Rare.Same(value, SnapshotTakenAt))
            {
                _rare = Rare.Keep((_rare ?? Rare.None) with { SnapshotTakenAt = value });
            }
        }
    }

    /// <summary>For a snapshot line: the start of the billing period current at export time.</summary>
    /// <remarks>A later snapshot showing a different plan or amount takes over from this instant, not from the subscription's start.</remarks>
    public DateTimeOffset? CurrentPeriodStart
    {
        get => _rare?.CurrentPeriodStart;
        init
        {
            if (!Rare.Same(value, CurrentPeriodStart))
            {
                _rare = Rare.Keep((_rare ?? Rare.None) with { CurrentPeriodStart = value });
            }
        }
    }

    /// <summary>
    /// True when <see cref="ServiceEnd"/> is a requested cancellation (cancel at period end, non-renewing) rather
    /// than the end of a billed period: committed MRR drops to 0 for the subscription before the end is reached.
    /// </summary>
    public bool CancelsAtEnd
    {
        get => _rare?.CancelsAtEnd ?? false;
        init
        {
            if (value != CancelsAtEnd)
            {
                _rare = Rare.Keep((_rare ?? Rare.None) with { CancelsAtEnd = value });
            }
        }
    }

    /// <summary>
    /// With <see cref="CancelsAtEnd"/>: when the cancellation was requested (or, when the source does not say, when it
    /// was first seen). Committed MRR drops to 0 from the month containing this instant, so months closed before the
    /// request keep the CMRR that was known then; null means known from the line's start.
    /// </summary>
    public DateTimeOffset? CancellationRequestedAt
    {
        get => _rare?.CancellationRequestedAt;
        init
        {
            if (!Rare.Same(value, CancellationRequestedAt))
            {
                _rare = Rare.Keep((_rare ?? Rare.None) with { CancellationRequestedAt = value });
            }
        }
    }

    /// <summary>The row in the source file (1-based line number where the record starts), for traceability.</summary>
    public long RowNumber { get; init; }

    /// <summary>Amount minus discount: the MRR basis.</summary>
    public decimal Net => Amount - Discount;

    /// <summary>The key lines supersede each other under: the subscription id, else customer and plan, else customer.</summary>
    public string SubscriptionKey => SubscriptionId ?? (Plan is null ? CustomerId : string.Concat(CustomerId, "|", Plan));

    /// <summary>The rarely set fields of a line; value equality, so two lines with the same values are equal.</summary>
    private sealed record Rare
    {
        public static readonly Rare None = new();

        public DateTimeOffset? RefundedAt { get; init; }

        public DateTimeOffset? CreditedFrom { get; init; }

        public DateTimeOffset? SnapshotTakenAt { get; init; }

        public DateTimeOffset? CurrentPeriodStart { get; init; }

        public bool CancelsAtEnd { get; init; }

        public DateTimeOffset? CancellationRequestedAt { get; init; }

        /// <summary>The object to keep: null when every field is unset, else <paramref name="updated"/>.</summary>
        public static Rare? Keep(Rare updated) => updated == None ? null : updated;

        /// <summary>Whether setting <paramref name="value"/> changes nothing: the same instant with the same offset, or both null.</summary>
        /// <remarks>Setting an unchanged value (a reader that assigns every field, nulls included) allocates nothing.</remarks>
        public static bool Same(DateTimeOffset? value, DateTimeOffset? current) =>
            value is { } set ? current is { } known && set.EqualsExact(known) : current is null;
    }
}
