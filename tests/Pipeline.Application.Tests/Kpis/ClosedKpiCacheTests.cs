using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Application.Kpis;
using Pipeline.Application.Tests.Fakes;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Tests.Kpis;

/// <summary>The stamp-keyed KPI read cache over the in-memory store: what it reads, when, and which rows it hands out.</summary>
public sealed class ClosedKpiCacheTests
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");
    private static readonly BillingMonth March = new(2025, 3);
    private static readonly BillingMonth April = new(2025, 4);

    private readonly CountingStore _store = new();
    private readonly GatedStamps _stamps = new();

    [Fact]
    public async Task ListAndFind_StampUnchanged_RowsReadOnceThenFromMemory()
    {
        await SeedAsync();
        _stamps.Value = "s1";
        var cache = new ClosedKpiCache(_store, _stamps);

        var all = await cache.ListAsync(Acme, null, null, CancellationToken.None);
        var march = await cache.FindAsync(Acme, March, CancellationToken.None);
        var april = await cache.ListAsync(Acme, April, April, CancellationToken.None);

        Assert.Equal([March, April], all.Select(row => row.Kpis.Month));
        Assert.Same(all[0], march);
        Assert.Same(all[1], Assert.Single(april));
        Assert.Equal((1, 3), (_store.Lists, _stamps.Reads));
    }

    [Fact]
    public async Task ListAsync_NewStamp_RowsReadAgainClosedRowTheSameInstanceProvisionalTheNewOne()
    {
        await SeedAsync();
        _stamps.Value = "s1";
        var cache = new ClosedKpiCache(_store, _stamps);
        var before = await cache.ListAsync(Acme, null, null, CancellationToken.None);

        await _store.WriteProvisionalAsync(Acme, Row(April, KpiStatus.Provisional, 2, mrr: 999m), CancellationToken.None);
        _stamps.Value = "s2";
        var after = await cache.ListAsync(Acme, null, null, CancellationToken.None);

        Assert.Same(before[0], after[0]);
        Assert.Equal((200m, 999m), (before[1].Kpis.Mrr, after[1].Kpis.Mrr));
        Assert.Equal(2, _store.Lists);
    }

    [Fact]
    public async Task FindAsync_ReopenedUnderANewStamp_NeverTheOldVersionsRow()
    {
        await SeedAsync();
        _stamps.Value = "s1";
        var cache = new ClosedKpiCache(_store, _stamps);
        Assert.Equal((KpiStatus.Closed, 1), Summary(await cache.FindAsync(Acme, March, CancellationToken.None)));

        await _store.ReopenAsync(Acme, March, 2, CancellationToken.None);
        _stamps.Value = "s2";

        Assert.Equal((KpiStatus.Provisional, 2), Summary(await cache.FindAsync(Acme, March, CancellationToken.None)));
    }

    [Fact]
    public async Task ListAsync_TenantWithoutStamp_EveryReadGoesToTheStore()
    {
        await SeedAsync();
        var cache = new ClosedKpiCache(_store, _stamps);

        await cache.ListAsync(Acme, null, null, CancellationToken.None);
        await cache.ListAsync(Acme, null, null, CancellationToken.None);

        Assert.Equal(2, _store.Lists);
    }

    [Fact]
    public async Task ListAsync_CallerArrivesWhileAStampReadRuns_WaitsForTheNextReadNotThatOne()
    {
        await SeedAsync();
        _stamps.Value = "s1";
        _stamps.Gated = true;
        var cache = new ClosedKpiCache(_store, _stamps);
        var first = cache.ListAsync(Acme, null, null, CancellationToken.None);
        var firstRead = await _stamps.StartedAsync();

        // A write completes after the first read began and before the second caller arrives.
        await _store.ReopenAsync(Acme, March, 2, CancellationToken.None);
        _stamps.Value = "s2";
        var second = cache.ListAsync(Acme, null, null, CancellationToken.None);
        var third = cache.ListAsync(Acme, null, null, CancellationToken.None);
        firstRead.SetResult("s1");
        await first;
        Assert.False(second.IsCompleted);
        (await _stamps.StartedAsync()).SetResult("s2");

        Assert.Equal((KpiStatus.Provisional, 2), Summary((await second)[0]));
        Assert.Equal((KpiStatus.Provisional, 2), Summary((await third)[0]));
        Assert.Equal(2, _stamps.Reads);
    }

    [Fact]
    public async Task ListAsync_WithinTheStalenessBound_NoStampReadAfterTheFirst()
    {
        var (cache, clock) = await BoundedCacheAfterOneReadAsync();

        for (var read = 0; read < 5; read++)
        {
            await cache.ListAsync(Acme, null, null, CancellationToken.None);
            clock.Advance(TimeSpan.FromMilliseconds(99));
        }

        Assert.Equal((1, 1), (_stamps.Reads, _store.Lists));
    }

    [Fact]
    public async Task FindAsync_ReopenedOnAnotherInstance_SeenOnceTheBoundHasPassedNotBefore()
    {
        var (cache, clock) = await BoundedCacheAfterOneReadAsync();

        // Another instance reopens March: the store and the stamp change, and this process is not told.
        await _store.ReopenAsync(Acme, March, 2, CancellationToken.None);
        _stamps.Value = "s2";
        clock.Advance(TimeSpan.FromMilliseconds(400));
        var early = await cache.FindAsync(Acme, March, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(600));
        var late = await cache.FindAsync(Acme, March, CancellationToken.None);

        Assert.Equal((KpiStatus.Closed, 1), Summary(early));
        Assert.Equal((KpiStatus.Provisional, 2), Summary(late));
        Assert.Equal(2, _stamps.Reads);
    }

    [Fact]
    public async Task FindAsync_PastHalfTheBound_StampRenewedInTheBackgroundWhileTheKnownOneServes()
    {
        var (cache, clock) = await BoundedCacheAfterOneReadAsync();
        await _store.ReopenAsync(Acme, March, 2, CancellationToken.None);
        _stamps.Value = "s2";
        _stamps.Gated = true;
        clock.Advance(TimeSpan.FromMilliseconds(600));

        var during = await cache.FindAsync(Acme, March, CancellationToken.None);
        (await _stamps.StartedAsync()).SetResult("s2");
        await WaitForAsync(async () => Summary(await cache.FindAsync(Acme, March, CancellationToken.None)) == (KpiStatus.Provisional, 2));

        Assert.Equal((KpiStatus.Closed, 1), Summary(during));
        Assert.Equal(2, _stamps.Reads);
    }

    [Fact]
    public async Task FindAsync_ReopenedInThisProcess_SeenAtOnceWithoutAStampRead()
    {
        var (cache, _) = await BoundedCacheAfterOneReadAsync();

        await _store.ReopenAsync(Acme, March, 2, CancellationToken.None);
        _stamps.Write(Acme, "s2");

        Assert.Equal((KpiStatus.Provisional, 2), Summary(await cache.FindAsync(Acme, March, CancellationToken.None)));
        Assert.Equal(1, _stamps.Reads);
    }

    [Fact]
    public async Task FindAsync_StampReadThatBeganBeforeAWriteHere_DoesNotBringTheOldStampBack()
    {
        var (cache, clock) = await BoundedCacheAfterOneReadAsync();
        _stamps.Gated = true;
        clock.Advance(TimeSpan.FromMilliseconds(600));
        await cache.FindAsync(Acme, March, CancellationToken.None);
        var renewal = await _stamps.StartedAsync();

        // The reopen here completes while the background read is under way; that read then answers the stamp it saw before.
        await _store.ReopenAsync(Acme, March, 2, CancellationToken.None);
        _stamps.Write(Acme, "s2");
        renewal.SetResult("s1");

        // Past half the bound again, a read starts the next renewal only once the first has finished (and kept what it kept):
        // the row served by that read is what the cache holds after the old answer came in.
        clock.Advance(TimeSpan.FromMilliseconds(600));
        KpiSnapshot? after = null;
        await WaitForAsync(async () =>
        {
            after = await cache.FindAsync(Acme, March, CancellationToken.None);
            return _stamps.Reads == 3;
        });

        Assert.Equal((KpiStatus.Provisional, 2), Summary(after));
    }

    /// <summary>The seeded store under stamp s1, a cache with a 1 s bound on a fake clock, and one read through it.</summary>
    private async Task<(ClosedKpiCache Cache, FakeTimeProvider Clock)> BoundedCacheAfterOneReadAsync()
    {
        await SeedAsync();
        _stamps.Value = "s1";
        var clock = new FakeTimeProvider();
        var cache = new ClosedKpiCache(_store, _stamps, clock, TimeSpan.FromSeconds(1));
        await cache.FindAsync(Acme, March, CancellationToken.None);
        return (cache, clock);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "The condition did not hold within 10 seconds.");
            await Task.Delay(10);
        }
    }

    private async Task SeedAsync()
    {
        await _store.WriteClosedAsync(Acme, Row(March, KpiStatus.Closed, 1, mrr: 100m), CancellationToken.None);
        await _store.WriteProvisionalAsync(Acme, Row(April, KpiStatus.Provisional, 1, mrr: 200m), CancellationToken.None);
    }

    private static (KpiStatus, int) Summary(KpiSnapshot? row) => (row!.Status, row.Version);

    private static KpiSnapshot Row(BillingMonth month, KpiStatus status, int version, decimal mrr) =>
        new(MonthlyKpis.Placeholder(month, Eur) with { Mrr = mrr }, status, version, DateTimeOffset.UnixEpoch, "UTC", 30, MetricSettings.DefinitionsVersion);

    /// <summary>The in-memory store, counting the headline range reads.</summary>
    private sealed class CountingStore : IKpiSnapshotStore
    {
        private readonly InMemoryKpiSnapshotStore _inner = new();

        public int Lists { get; private set; }

        public Task<IReadOnlyList<KpiSnapshot>> ListAsync(TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
        {
            Lists++;
            return _inner.ListAsync(tenant, from, to, cancellationToken);
        }

        public Task WriteClosedAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken) =>
            _inner.WriteClosedAsync(tenant, snapshot, cancellationToken);

        public Task<KpiSnapshot?> FindVersionAsync(TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken) =>
            _inner.FindVersionAsync(tenant, month, version, cancellationToken);

        public Task<IReadOnlyList<KpiSnapshot>> ListVersionsAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
            _inner.ListVersionsAsync(tenant, month, cancellationToken);

        public Task ReopenAsync(TenantId tenant, BillingMonth month, int nextVersion, CancellationToken cancellationToken) =>
            _inner.ReopenAsync(tenant, month, nextVersion, cancellationToken);

        public Task<bool> WriteProvisionalAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken) =>
            _inner.WriteProvisionalAsync(tenant, snapshot, cancellationToken);

        public Task<KpiSnapshot?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
            _inner.FindAsync(tenant, month, cancellationToken);

        public Task<bool> WriteSegmentsAsync(
            TenantId tenant, BillingMonth month, KpiStatus status, int version, DateTimeOffset computedAt,
            IReadOnlyList<SegmentKpis> segments, CancellationToken cancellationToken) =>
            _inner.WriteSegmentsAsync(tenant, month, status, version, computedAt, segments, cancellationToken);

        public Task<IReadOnlyList<SegmentSnapshot>> ListSegmentsAsync(
            TenantId tenant, string dimension, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken) =>
            _inner.ListSegmentsAsync(tenant, dimension, from, to, cancellationToken);

        public Task<bool> WriteCohortCellsAsync(
            TenantId tenant, BillingMonth month, KpiStatus status, IReadOnlyList<CohortCell> cells, CancellationToken cancellationToken) =>
            _inner.WriteCohortCellsAsync(tenant, month, status, cells, cancellationToken);

        public Task<IReadOnlyList<CohortCell>> ListCohortCellsAsync(TenantId tenant, CancellationToken cancellationToken) =>
            _inner.ListCohortCellsAsync(tenant, cancellationToken);
    }

    /// <summary>Stamps that answer <see cref="Value"/>, or, when <see cref="Gated"/>, whatever the test sets on each read it holds.</summary>
    private sealed class GatedStamps : IKpiChangeStamps
    {
        private readonly Channel<TaskCompletionSource<string?>> _started = Channel.CreateUnbounded<TaskCompletionSource<string?>>();
        private int _reads;

        public event Action<TenantId, string>? Changed;

        public string? Value { get; set; }

        public bool Gated { get; set; }

        public int Reads => Volatile.Read(ref _reads);

        public Task<string?> ReadAsync(TenantId tenant, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            if (!Gated)
            {
                return Task.FromResult(Value);
            }

            var read = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _started.Writer.TryWrite(read);
            return read.Task;
        }

        /// <summary>A write in this process: the stamp becomes <paramref name="stamp"/> and the readers are told.</summary>
        public void Write(TenantId tenant, string stamp)
        {
            Value = stamp;
            Changed?.Invoke(tenant, stamp);
        }

        /// <summary>The next read that started, for the test to answer.</summary>
        public async Task<TaskCompletionSource<string?>> StartedAsync() =>
            await _started.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
