using System.Runtime.InteropServices;
using Pipeline.Domain.Metrics;

namespace Pipeline.Domain;

/// <summary>A tenant's ledger held in columns: what the month engine reads of each line, in about 36 bytes a line.</summary>
/// <remarks>
/// <para>
/// A <see cref="RevenueLine"/> object takes about 390 bytes with its strings; a close of 30 million lines must fit a
/// 4 GB instance, so the ledger a close or a provisional refresh holds is this instead: per line a customer, a
/// subscription, a part (plan, product, currency) and a net amount as numbers into pools (repeated values are kept
/// once), the line's type, status, origin and interval packed into one number, the service start as UTC ticks and
/// the service end and issue instants as whole seconds from it. The rarely set instants (refund, unused-time credit,
/// snapshot time, current period start, requested cancellation, an end or issue instant with a fraction of a second)
/// and the due date of an unpaid line live in a side table. Rows are stored in chunks of 16,384, so growing never
/// copies the whole ledger.
/// </para>
/// <para>
/// What is not kept: the line id, invoice id, quantity, tax, the amount and discount separately (only their
/// difference, the MRR basis), the row number and the UTC offsets of the instants (the rules use the instant, in the
/// tenant's business time zone). <see cref="this[int]"/> gives a row back as a <see cref="RevenueLine"/> with those
/// fields empty, for the few rules that run on a handful of lines (late data, proration credits).
/// </para>
/// <para>Rows keep the order they were added in: a line's row is its source position, the last tie-breaker of the supersede rule.</para>
/// </remarks>
public sealed class LedgerLines : IEnumerable<RevenueLine>
{
    private const int ChunkBits = 14;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    // Shape bits: line type 0–3, status 4–7, origin 8, interval unit + 1 in 9–11 (0 = none), inferred 12, dropped 13,
    // extras 14; the interval count in 16–31 (a larger count is kept with the extras).
    private const int StatusShift = 4;
    private const int OriginBit = 1 << 8;
    private const int UnitShift = 9;
    private const int InferredBit = 1 << 12;
    private const int DroppedBit = 1 << 13;
    private const int ExtrasBit = 1 << 14;
    private const int CountShift = 16;
    private const int CountInExtras = 0;

    // End and issue instants are kept as whole seconds from the service start; these mark the other cases.
    private const int NoInstant = int.MinValue;
    private const int InstantInExtras = int.MinValue + 1;

    private readonly List<Chunk> _chunks = [];
    private readonly Dictionary<int, LineExtras> _extras = [];
    private readonly List<string> _strings = [];
    private readonly Dictionary<string, int> _stringNumbers = new(StringComparer.Ordinal);
    private readonly List<(int Plan, int Product, CurrencyCode Currency)> _parts = [];
    private readonly Dictionary<(int Plan, int Product, CurrencyCode Currency), int> _partNumbers = [];
    private readonly List<decimal> _amounts = [];
    private readonly Dictionary<(long Low, long High), int> _amountNumbers = [];

    /// <summary>The number of rows, dropped ones included.</summary>
    public int Count { get; private set; }

    /// <summary>The rows a correction superseded (<see cref="Drop"/>); every reader skips them.</summary>
    public int DroppedCount { get; private set; }

    /// <summary>A columnar copy of <paramref name="lines"/>, in their order.</summary>
    public static LedgerLines Of(IEnumerable<RevenueLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var ledger = new LedgerLines();
        foreach (var line in lines)
        {
            ledger.Add(line);
        }

        return ledger;
    }

    /// <summary>The row as a line; the fields this ledger does not keep are empty (see the remarks on the type).</summary>
    public RevenueLine this[int row]
    {
        get
        {
            var facts = Facts(row);
            return new RevenueLine
            {
                LineKey = string.Empty,
                CustomerId = facts.CustomerId,
                SubscriptionId = facts.SubscriptionId,
                Plan = facts.Plan,
                Product = facts.Product,
                LineType = facts.LineType,
                Amount = facts.Net,
                Currency = facts.Currency,
                Interval = facts.Interval,
                IntervalInferred = facts.IntervalInferred,
                ServiceStart = facts.ServiceStart,
                ServiceEnd = facts.ServiceEnd,
                IssuedAt = facts.IssuedAt,
                DueAt = facts.DueAt,
                Status = facts.Status,
                Origin = facts.Origin,
                RefundedAt = facts.RefundedAt,
                CreditedFrom = facts.CreditedFrom,
                SnapshotTakenAt = Extras(row)?.SnapshotTakenAt,
                CurrentPeriodStart = Extras(row)?.CurrentPeriodStart,
                CancelsAtEnd = facts.CancelsAtEnd,
                CancellationRequestedAt = facts.CancellationRequestedAt,
            };
        }
    }

    /// <summary>The rows a correction did not supersede, in order, each read back as a line (see <see cref="this[int]"/>).</summary>
    public IEnumerator<RevenueLine> GetEnumerator()
    {
        for (var row = 0; row < Count; row++)
        {
            if (!IsDropped(row))
            {
                yield return this[row];
            }
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Appends <paramref name="line"/> as the next row; returns the row.</summary>
    public int Add(RevenueLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var row = Count;
        if ((row & ChunkMask) == 0)
        {
            _chunks.Add(new Chunk());
        }

        var chunk = _chunks[row >> ChunkBits];
        var at = row & ChunkMask;
        chunk.Customer[at] = Number(line.CustomerId);
        chunk.Subscription[at] = line.SubscriptionId is { } subscription ? Number(subscription) : -1;
        chunk.Part[at] = PartNumber(line.Plan, line.Product, line.Currency);
        chunk.Amount[at] = AmountNumber(Canonical(line.Net));
        var start = line.ServiceStart.UtcTicks;
        chunk.Start[at] = start;
        var extras = LineExtras.Of(line);
        chunk.End[at] = SecondsFrom(start, line.ServiceEnd, ref extras, static (kept, end) => kept with { ServiceEnd = end });
        chunk.Issued[at] = SecondsFrom(start, line.IssuedAt, ref extras, static (kept, issued) => kept with { IssuedAt = issued });
        var count = line.Interval?.Count ?? 0;
        var countFits = count is > CountInExtras and <= ushort.MaxValue;
        if (line.Interval is { } interval && !countFits)
        {
            extras = (extras ?? LineExtras.None) with { IntervalCount = interval.Count };
        }

        chunk.Shape[at] = (int)line.LineType
            | ((int)line.Status << StatusShift)
            | (line.Origin == LineOrigin.SubscriptionSnapshot ? OriginBit : 0)
            | (line.Interval is { } unit ? ((int)unit.Unit + 1) << UnitShift : 0)
            | (line.IntervalInferred ? InferredBit : 0)
            | (extras is not null ? ExtrasBit : 0)
            | (countFits ? count << CountShift : 0);
        if (extras is not null)
        {
            _extras[row] = extras;
        }

        Count++;
        return row;
    }

    /// <summary>Whether <paramref name="row"/> was superseded by a correction.</summary>
    public bool IsDropped(int row) => (Shape(row) & DroppedBit) != 0;

    /// <summary>The customer id of <paramref name="row"/>.</summary>
    public string CustomerId(int row) => _strings[_chunks[row >> ChunkBits].Customer[row & ChunkMask]];

    /// <summary>The service start of <paramref name="row"/>, in UTC.</summary>
    public DateTimeOffset ServiceStart(int row) => new(_chunks[row >> ChunkBits].Start[row & ChunkMask], TimeSpan.Zero);

    /// <summary>The latest instant the ledger's lines show: a service start, an issue date or a snapshot time; null when empty.</summary>
    public DateTimeOffset? LatestInstant()
    {
        long? latest = null;
        for (var row = 0; row < Count; row++)
        {
            if (IsDropped(row))
            {
                continue;
            }

            var start = _chunks[row >> ChunkBits].Start[row & ChunkMask];
            var candidate = Math.Max(start, Issued(row, start)?.UtcTicks ?? long.MinValue);
            if (Extras(row)?.SnapshotTakenAt is { } taken)
            {
                candidate = Math.Max(candidate, taken.UtcTicks);
            }

            latest = latest is { } known ? Math.Max(known, candidate) : candidate;
        }

        return latest is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    /// <summary>The earliest service start of the ledger's lines; null when it has none.</summary>
    public DateTimeOffset? EarliestStart()
    {
        long? earliest = null;
        for (var row = 0; row < Count; row++)
        {
            if (!IsDropped(row))
            {
                var start = _chunks[row >> ChunkBits].Start[row & ChunkMask];
                earliest = earliest is { } known ? Math.Min(known, start) : start;
            }
        }

        return earliest is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    /// <summary>Marks <paramref name="row"/> superseded: a later version of the same line replaces it.</summary>
    internal void Drop(int row)
    {
        if (!IsDropped(row))
        {
            _chunks[row >> ChunkBits].Shape[row & ChunkMask] |= DroppedBit;
            DroppedCount++;
        }
    }

    /// <summary>Ends <paramref name="row"/> at an unused-time credit (<see cref="ProrationCredits"/>).</summary>
    internal void SetCreditedFrom(int row, DateTimeOffset? creditedFrom)
    {
        var extras = (Extras(row) ?? LineExtras.None) with { CreditedFrom = creditedFrom?.ToUniversalTime() };
        _extras[row] = extras;
        _chunks[row >> ChunkBits].Shape[row & ChunkMask] |= ExtrasBit;
    }

    /// <summary>The customer number of <paramref name="row"/> in this ledger's pool (equal ids, equal numbers).</summary>
    internal int CustomerNumber(int row) => _chunks[row >> ChunkBits].Customer[row & ChunkMask];

    /// <summary>Whether <paramref name="row"/> is an unused-time proration credit (<see cref="ProrationCredits.IsCredit"/>).</summary>
    internal bool IsCredit(int row)
    {
        var shape = Shape(row);
        var status = (DocumentStatus)((shape >> StatusShift) & 0xF);
        return (shape & OriginBit) == 0 && (LineType)(shape & 0xF) == LineType.Proration
            && _amounts[_chunks[row >> ChunkBits].Amount[row & ChunkMask]] < 0m
            && status is not (DocumentStatus.Void or DocumentStatus.Draft or DocumentStatus.Canceled);
    }

    /// <summary>What the MRR rules read of <paramref name="row"/>.</summary>
    internal LineFacts Facts(int row)
    {
        var chunk = _chunks[row >> ChunkBits];
        var at = row & ChunkMask;
        var shape = chunk.Shape[at];
        var extras = (shape & ExtrasBit) != 0 ? _extras[row] : null;
        var (plan, product, currency) = _parts[chunk.Part[at]];
        var unit = (shape >> UnitShift) & 0x7;
        var count = (int)((uint)shape >> CountShift);
        BillingInterval? interval = unit == 0 ? null : new BillingInterval((IntervalUnit)(unit - 1), count == 0 ? extras!.IntervalCount : count);
        var start = chunk.Start[at];
        return new LineFacts(
            _strings[chunk.Customer[at]],
            chunk.Subscription[at] < 0 ? null : _strings[chunk.Subscription[at]],
            plan < 0 ? null : _strings[plan],
            product < 0 ? null : _strings[product],
            currency,
            (LineType)(shape & 0xF),
            (DocumentStatus)((shape >> StatusShift) & 0xF),
            (shape & OriginBit) != 0 ? LineOrigin.SubscriptionSnapshot : LineOrigin.InvoiceLine,
            _amounts[chunk.Amount[at]],
            interval,
            (shape & InferredBit) != 0,
            new DateTimeOffset(start, TimeSpan.Zero),
            Instant(start, chunk.End[at], extras?.ServiceEnd),
            Instant(start, chunk.Issued[at], extras?.IssuedAt),
            extras?.DueAt,
            extras?.RefundedAt,
            extras?.CreditedFrom,
            extras?.CancelsAtEnd ?? false,
            extras?.CancellationRequestedAt,
            extras?.SnapshotTakenAt,
            new LinePoolKeys(chunk.Customer[at], chunk.Subscription[at], plan));
    }

    private DateTimeOffset? Issued(int row, long start) =>
        Instant(start, _chunks[row >> ChunkBits].Issued[row & ChunkMask], Extras(row)?.IssuedAt);

    private static DateTimeOffset? Instant(long start, int seconds, DateTimeOffset? inExtras) => seconds switch
    {
        NoInstant => null,
        InstantInExtras => inExtras,
        _ => new DateTimeOffset(start + (seconds * TimeSpan.TicksPerSecond), TimeSpan.Zero),
    };

    /// <summary>
    /// <paramref name="instant"/> as whole seconds from <paramref name="start"/>; an instant that is not a whole number of
    /// seconds away or more than 68 years away goes to the extras instead.
    /// </summary>
    private static int SecondsFrom(long start, DateTimeOffset? instant, ref LineExtras? extras, Func<LineExtras, DateTimeOffset, LineExtras> keep)
    {
        if (instant is not { } value)
        {
            return NoInstant;
        }

        var (seconds, remainder) = Math.DivRem(value.UtcTicks - start, TimeSpan.TicksPerSecond);
        if (remainder == 0 && seconds > InstantInExtras && seconds <= int.MaxValue)
        {
            return (int)seconds;
        }

        extras = keep(extras ?? LineExtras.None, value.ToUniversalTime());
        return InstantInExtras;
    }

    private int Shape(int row) => _chunks[row >> ChunkBits].Shape[row & ChunkMask];

    private LineExtras? Extras(int row) => (Shape(row) & ExtrasBit) != 0 ? _extras[row] : null;

    private int Number(string value)
    {
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(_stringNumbers, value, out var exists);
        if (!exists)
        {
            number = _strings.Count;
            _strings.Add(value);
        }

        return number;
    }

    private int PartNumber(string? plan, string? product, CurrencyCode currency)
    {
        var key = (plan is null ? -1 : Number(plan), product is null ? -1 : Number(product), currency);
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(_partNumbers, key, out var exists);
        if (!exists)
        {
            number = _parts.Count;
            _parts.Add(key);
        }

        return number;
    }

    /// <summary>Pools amounts by their exact representation: 10.0 and 10.00 are different entries, so a row gives back its own scale.</summary>
    /// <summary>
    /// <paramref name="amount"/> without trailing zeros (12.50 as 12.5), the form the stored ledger gives back: a line
    /// parsed from a file and the same line read from storage then make the same figures, to the last digit's scale.
    /// </summary>
    private static decimal Canonical(decimal amount) => amount.Scale == 0 ? amount : amount / 1.0000000000000000000000000000m;

    private int AmountNumber(decimal amount)
    {
        var bits = MemoryMarshal.Cast<decimal, long>(MemoryMarshal.CreateReadOnlySpan(ref amount, 1));
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(_amountNumbers, (bits[0], bits[1]), out var exists);
        if (!exists)
        {
            number = _amounts.Count;
            _amounts.Add(amount);
        }

        return number;
    }

    /// <summary>One block of rows, column by column.</summary>
    private sealed class Chunk
    {
        public readonly int[] Customer = new int[ChunkSize];
        public readonly int[] Subscription = new int[ChunkSize];
        public readonly int[] Part = new int[ChunkSize];
        public readonly int[] Amount = new int[ChunkSize];
        public readonly int[] Shape = new int[ChunkSize];
        public readonly long[] Start = new long[ChunkSize];
        public readonly int[] End = new int[ChunkSize];
        public readonly int[] Issued = new int[ChunkSize];
    }

    /// <summary>The rarely set values of a row; null for a row that has none.</summary>
    private sealed record LineExtras
    {
        public static readonly LineExtras None = new();

        public DateTimeOffset? DueAt { get; init; }

        public DateTimeOffset? ServiceEnd { get; init; }

        public DateTimeOffset? IssuedAt { get; init; }

        public DateTimeOffset? RefundedAt { get; init; }

        public DateTimeOffset? CreditedFrom { get; init; }

        public DateTimeOffset? SnapshotTakenAt { get; init; }

        public DateTimeOffset? CurrentPeriodStart { get; init; }

        public bool CancelsAtEnd { get; init; }

        public DateTimeOffset? CancellationRequestedAt { get; init; }

        public int IntervalCount { get; init; }

        /// <summary>
        /// The extras of <paramref name="line"/>, or null when it has none. The due date is kept only for a line whose
        /// document is unpaid: it is what the delinquency limit counts from, and no rule reads it otherwise. Instants
        /// are kept in UTC, as every other instant of the ledger.
        /// </summary>
        public static LineExtras? Of(RevenueLine line)
        {
            var due = line.Status is DocumentStatus.Open or DocumentStatus.PastDue or DocumentStatus.Uncollectible ? line.DueAt : null;
            if (due is null && line.RefundedAt is null && line.CreditedFrom is null && line.SnapshotTakenAt is null
                && line.CurrentPeriodStart is null && !line.CancelsAtEnd && line.CancellationRequestedAt is null)
            {
                return null;
            }

            return new LineExtras
            {
                DueAt = due?.ToUniversalTime(),
                RefundedAt = line.RefundedAt?.ToUniversalTime(),
                CreditedFrom = line.CreditedFrom?.ToUniversalTime(),
                SnapshotTakenAt = line.SnapshotTakenAt?.ToUniversalTime(),
                CurrentPeriodStart = line.CurrentPeriodStart?.ToUniversalTime(),
                CancelsAtEnd = line.CancelsAtEnd,
                CancellationRequestedAt = line.CancellationRequestedAt?.ToUniversalTime(),
            };
        }
    }
}
