using System.Runtime.InteropServices;

namespace Pipeline.Domain;

/// <summary>Builds a tenant's columnar ledger from its files' lines as they are read, one line at a time.</summary>
/// <remarks>
/// <para>
/// The same rules as a ledger read into a list (<see cref="LineCorrections"/>, <see cref="SnapshotHistory"/>,
/// <see cref="LedgerMerge"/>, <see cref="ProrationCredits"/>), arranged so that no line object outlives its row:
/// </para>
/// <list type="bullet">
/// <item>the invoice statuses and full refunds of every file are known before the first line (they are small), so each
/// line is merged as it arrives and stored as a row of <see cref="LedgerLines"/>;</item>
/// <item>corrections keep a 128-bit identity per invoice line (<see cref="LineCorrections.Identity"/>) instead of its key;
/// <see cref="Complete"/> sorts them and drops every version but the newest;</item>
/// <item>subscription snapshot lines (one per subscription and snapshot file, far fewer than invoice lines) are kept as
/// lines until <see cref="Complete"/> chains them and appends them after the invoice lines;</item>
/// <item>unused-time credits are few: <see cref="Complete"/> reads back the lines of the customers that have one and
/// applies the credit rule to them.</item>
/// </list>
/// <para>
/// One difference in order from a list: snapshot lines come after every invoice line. Order only breaks a tie between
/// lines of one subscription with the same service start and issue date, and snapshot lines have no issue date, so an
/// invoice line with one wins either way.
/// </para>
/// </remarks>
public sealed class LedgerAssembly
{
    private readonly LedgerLines _lines = new();
    private readonly LedgerMerge? _merge;
    private readonly List<RevenueLine> _snapshots = [];
    private readonly List<ulong> _identityLow;
    private readonly List<ulong> _identityHigh;
    private readonly List<int> _identityRows;
    private readonly HashSet<int> _creditedCustomers = [];
    private int _unnamedFrom = -1;

    /// <param name="documents">Every invoice status record of the tenant, in import order (the last per invoice wins).</param>
    /// <param name="movements">Every payment, refund and credit of the tenant, in import order.</param>
    /// <param name="expectedLines">The number of lines the files hold, when known: sizes the identity lists once.</param>
    public LedgerAssembly(IReadOnlyList<InvoiceDocument> documents, IReadOnlyList<MoneyMovement> movements, int expectedLines = 0)
    {
        _merge = LedgerMerge.For(documents, movements);
        _identityLow = new List<ulong>(expectedLines);
        _identityHigh = new List<ulong>(expectedLines);
        _identityRows = new List<int>(expectedLines);
    }

    /// <summary>Adds the next line of a file read as <paramref name="source"/> (the format, which scopes line ids).</summary>
    public void Add(string source, RevenueLine line)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_unnamedFrom >= 0)
        {
            throw new InvalidOperationException("The lines added before their source was known must be given their source first (NameSource).");
        }

        AddLine(line, LineCorrections.SourceIdentity(source));
    }

    /// <summary>
    /// Adds the next line of the last file, whose source (its format) is only known once it is read: a file being
    /// ingested hands its lines over as they are parsed. <see cref="NameSource"/> must follow before <see cref="Complete"/>.
    /// </summary>
    public void AddBeforeSource(RevenueLine line)
    {
        if (_unnamedFrom < 0)
        {
            _unnamedFrom = _identityLow.Count;
        }

        AddLine(line, UInt128.Zero);
    }

    /// <summary>Names the source of the lines added by <see cref="AddBeforeSource"/>, completing their identities.</summary>
    public void NameSource(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_unnamedFrom < 0)
        {
            return;
        }

        var sourceIdentity = LineCorrections.SourceIdentity(source);
        var low = CollectionsMarshal.AsSpan(_identityLow);
        var high = CollectionsMarshal.AsSpan(_identityHigh);
        for (var entry = _unnamedFrom; entry < low.Length; entry++)
        {
            var identity = unchecked(new UInt128(high[entry], low[entry]) + sourceIdentity);
            (low[entry], high[entry]) = (unchecked((ulong)identity), unchecked((ulong)(identity >> 64)));
        }

        _unnamedFrom = -1;
    }

    private void AddLine(RevenueLine line, UInt128 sourceIdentity)
    {
        ArgumentNullException.ThrowIfNull(line);
        var merged = _merge?.Apply(line) ?? line;
        if (!LineCorrections.IsCorrectable(merged))
        {
            _snapshots.Add(merged);
            return;
        }

        var row = _lines.Add(merged);
        var identity = unchecked(LineCorrections.KeyIdentity(merged) + sourceIdentity);
        _identityLow.Add(unchecked((ulong)identity));
        _identityHigh.Add(unchecked((ulong)(identity >> 64)));
        _identityRows.Add(row);
        if (_lines.IsCredit(row))
        {
            _creditedCustomers.Add(_lines.CustomerNumber(row));
        }
    }

    /// <summary>The ledger, once every file's lines were added; the assembly cannot be used afterwards.</summary>
    /// <param name="receivedAt">When the files were received (caps the data horizon).</param>
    public AssembledLedger Complete(IEnumerable<DateTimeOffset> receivedAt)
    {
        ArgumentNullException.ThrowIfNull(receivedAt);
        if (_unnamedFrom >= 0)
        {
            throw new InvalidOperationException("The lines added before their source was known were never given their source (NameSource).");
        }

        DropSuperseded();
        var earliest = Earlier(_lines.EarliestStart(), _snapshots.Count == 0 ? null : _snapshots.Min(line => line.ServiceStart));
        var latest = Later(_lines.LatestInstant(), _snapshots.Count == 0 ? null : _snapshots.Max(DataHorizon.LatestOf));
        foreach (var line in SnapshotHistory.Apply(_snapshots))
        {
            _lines.Add(line);
        }

        _snapshots.Clear();
        ApplyCredits();
        return new AssembledLedger(_lines, earliest?.ToUniversalTime(), DataHorizon.Of(latest, receivedAt)?.ToUniversalTime());
    }

    /// <summary>Drops every invoice line a later version replaces: equal identities, the highest row wins.</summary>
    private void DropSuperseded()
    {
        var low = CollectionsMarshal.AsSpan(_identityLow).ToArray();
        var entries = new int[low.Length];
        for (var entry = 0; entry < entries.Length; entry++)
        {
            entries[entry] = entry;
        }

        _identityLow.Clear();
        _identityLow.TrimExcess();
        Array.Sort(low, entries);
        for (var start = 0; start < low.Length;)
        {
            var end = start + 1;
            while (end < low.Length && low[end] == low[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                DropAllButNewest(entries.AsSpan(start, end - start));
            }

            start = end;
        }
    }

    /// <summary>Among entries with equal low halves: per equal high half, every row but the highest is dropped.</summary>
    private void DropAllButNewest(Span<int> entries)
    {
        var newest = new Dictionary<ulong, int>();
        foreach (var entry in entries)
        {
            ref var row = ref CollectionsMarshal.GetValueRefOrAddDefault(newest, _identityHigh[entry], out var exists);
            var candidate = _identityRows[entry];
            if (!exists || candidate > row)
            {
                if (exists)
                {
                    _lines.Drop(row);
                }

                row = candidate;
            }
            else
            {
                _lines.Drop(candidate);
            }
        }
    }

    /// <summary>Ends the lines unused-time credits cut (<see cref="ProrationCredits"/>), reading back only the credited customers' lines.</summary>
    private void ApplyCredits()
    {
        if (_creditedCustomers.Count == 0)
        {
            return;
        }

        var rows = new List<int>();
        for (var row = 0; row < _lines.Count; row++)
        {
            if (!_lines.IsDropped(row) && _creditedCustomers.Contains(_lines.CustomerNumber(row)))
            {
                rows.Add(row);
            }
        }

        var before = rows.Select(row => _lines[row]).ToList();
        var after = ProrationCredits.Apply(before);
        for (var index = 0; index < rows.Count; index++)
        {
            if (!ReferenceEquals(before[index], after[index]))
            {
                _lines.SetCreditedFrom(rows[index], after[index].CreditedFrom);
            }
        }
    }

    private static DateTimeOffset? Earlier(DateTimeOffset? left, DateTimeOffset? right) =>
        left is { } l && right is { } r ? (l < r ? l : r) : left ?? right;

    private static DateTimeOffset? Later(DateTimeOffset? left, DateTimeOffset? right) =>
        left is { } l && right is { } r ? (l > r ? l : r) : left ?? right;
}

/// <summary>A tenant's ledger in columns, with the two instants its figures are bounded by.</summary>
/// <param name="Lines">The lines, corrections, statuses, snapshot history and credits applied.</param>
/// <param name="EarliestStart">The earliest service start of any line; null without lines.</param>
/// <param name="DataHorizon">The latest instant the lines cover (<see cref="Domain.DataHorizon"/>); null without lines.</param>
public sealed record AssembledLedger(LedgerLines Lines, DateTimeOffset? EarliestStart, DateTimeOffset? DataHorizon);
