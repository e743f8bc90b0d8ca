using Pipeline.Domain;

namespace Pipeline.Application.Ledger;

/// <summary>The ledgers last read or assembled per tenant, kept while their tenant's accepted imports stay the same.</summary>
/// <remarks>
/// <para>
/// A ledger is a function of its accepted imports (an import id is the hash of the file's bytes, and an accepted
/// batch is never rewritten) and of the tenant's business time zone; a kept ledger is returned only for exactly those
/// imports in the same order and the same zone, so it is the ledger a read would assemble. Reading it back (Parquet
/// decoding, merging, corrections) is most of what a close or a CLV read costs on a large tenant; a close that follows
/// an ingest finds the ledger the ingest assembled.
/// </para>
/// <para>
/// Bounded by <see cref="TenantSettings.LedgerCacheLines"/> (rows of the columnar ledger, about 45 bytes each): the
/// least recently used tenant's ledger is let go first, and a ledger larger than the bound is not kept. A kept ledger
/// is shared by every reader at once: nothing changes a <see cref="TenantLedger"/> once assembled. The MRR engines built
/// over a kept ledger stay with it (<see cref="TenantLedger.Revenue"/>, about 17 bytes a line each, at most two), so a close
/// after an ingest does not build the engine the ingest's refresh built; an ingest has the month-end engine of the ledger it
/// kept built on another core once its import is Accepted (<see cref="TenantLedgerReader.PrepareMonthEnds"/>).
/// </para>
/// </remarks>
public sealed class LedgerCache(TenantSettings settings)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Entry> _recent = [];
    private readonly Dictionary<TenantId, LinkedListNode<Entry>> _entries = [];
    private long _lines;

    /// <summary>The rows of the ledgers kept now.</summary>
    public long Lines
    {
        get
        {
            lock (_gate)
            {
                return _lines;
            }
        }
    }

    /// <summary>The kept ledger of <paramref name="tenant"/> if it was assembled from exactly <paramref name="importIds"/>; else null.</summary>
    public TenantLedger? Find(TenantId tenant, IReadOnlyList<string> importIds)
    {
        ArgumentNullException.ThrowIfNull(importIds);
        var zone = settings.For(tenant).TimeZoneId;
        lock (_gate)
        {
            if (!_entries.TryGetValue(tenant, out var node))
            {
                return null;
            }

            var entry = node.Value;
            if (!string.Equals(entry.Zone, zone, StringComparison.Ordinal)
                || !entry.Ledger.ImportIds.SequenceEqual(importIds, StringComparer.Ordinal))
            {
                return null;
            }

            _recent.Remove(node);
            _recent.AddFirst(node);
            return entry.Ledger;
        }
    }

    /// <summary>Whether <paramref name="ledger"/> itself is the one kept for <paramref name="tenant"/>.</summary>
    public bool Holds(TenantId tenant, TenantLedger ledger)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(tenant, out var node) && ReferenceEquals(node.Value.Ledger, ledger);
        }
    }

    /// <summary>Keeps <paramref name="ledger"/> as <paramref name="tenant"/>'s, in place of the one kept before.</summary>
    public void Keep(TenantId tenant, TenantLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var size = Math.Max(1, ledger.Lines.Count);
        var zone = settings.For(tenant).TimeZoneId;
        lock (_gate)
        {
            Remove(tenant);
            if (size > settings.LedgerCacheLines)
            {
                return;
            }

            while (_lines + size > settings.LedgerCacheLines && _recent.Last is { } oldest)
            {
                Remove(oldest.Value.Tenant);
            }

            _entries[tenant] = _recent.AddFirst(new Entry(tenant, zone, ledger, size));
            _lines += size;
        }
    }

    private void Remove(TenantId tenant)
    {
        if (_entries.Remove(tenant, out var node))
        {
            _recent.Remove(node);
            _lines -= node.Value.Size;
        }
    }

    private sealed record Entry(TenantId Tenant, string Zone, TenantLedger Ledger, long Size);
}
