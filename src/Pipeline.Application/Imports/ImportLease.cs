using Microsoft.Extensions.Logging;

namespace Pipeline.Application.Imports;

/// <summary>A run's claim on an import while it ingests the file: renewed in the background, finished or released conditionally.</summary>
/// <remarks>
/// <para>
/// The claim is the import record in <see cref="ImportStatus.Processing"/> with <see cref="ImportRecord.LeaseOwner"/> and
/// <see cref="ImportRecord.LeaseUntil"/>. Every write goes through <see cref="IImportLog.TryReplaceAsync"/> with the ETag
/// of this run's last write, so once another run has taken the claim over (after it expired) this run can write nothing:
/// a renewal that finds the row changed marks the lease lost and cancels <see cref="Token"/>, and the run stops.
/// </para>
/// <para>
/// Renewal runs every quarter of the lease duration on the injected clock. A renewal that fails for a storage fault is
/// retried at the next tick, so the lease outlives up to three failed renewals in a row. Writes are serialised, so the
/// final write always carries the latest ETag.
/// </para>
/// </remarks>
internal sealed class ImportLease : IAsyncDisposable
{
    private readonly IImportLog _imports;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _duration;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost;
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Task _renewal;
    private string _etag;

    private ImportLease(
        IImportLog imports, TimeProvider clock, TimeSpan duration, ImportRecord claim, string etag, ILogger logger,
        CancellationToken cancellationToken)
    {
        _imports = imports;
        _clock = clock;
        _duration = duration;
        _logger = logger;
        _etag = etag;
        Claim = claim;
        _lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _renewal = RenewAsync();
    }

    /// <summary>The claim as this run last wrote it.</summary>
    public ImportRecord Claim { get; private set; }

    /// <summary>Cancelled when the lease is lost to another run, or when the caller's token is cancelled.</summary>
    public CancellationToken Token => _lost.Token;

    /// <summary>Whether another run took the claim over while this one ingested.</summary>
    public bool IsLost { get; private set; }

    /// <summary>Starts holding <paramref name="claim"/>, written as the stored row version <paramref name="etag"/>.</summary>
    public static ImportLease Hold(
        IImportLog imports, TimeProvider clock, TimeSpan duration, ImportRecord claim, string etag, ILogger logger,
        CancellationToken cancellationToken) =>
        new(imports, clock, duration, claim, etag, logger, cancellationToken);

    /// <summary>Writes the finished record in place of the claim; false when another run took the claim over meanwhile.</summary>
    public async Task<bool> CompleteAsync(ImportRecord finished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finished);
        await StopRenewingAsync();
        return await WriteAsync(finished with { LeaseOwner = null, LeaseUntil = null }, cancellationToken);
    }

    /// <summary>
    /// Gives the claim up after a failure this run caught, keeping it Processing with the attempt counted and
    /// <paramref name="error"/> as its reason, so the next run retries it at once instead of waiting for the lease to expire.
    /// </summary>
    public async Task ReleaseAsync(string error, CancellationToken cancellationToken)
    {
        await StopRenewingAsync();
        if (!IsLost)
        {
            await WriteAsync(Claim with { LeaseOwner = null, LeaseUntil = null, Reason = error }, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopRenewingAsync();
        _lost.Dispose();
        _stopRenewing.Dispose();
        _gate.Dispose();
    }

    private async Task RenewAsync()
    {
        var interval = _duration / 4;
        try
        {
            while (true)
            {
                await Task.Delay(interval, _clock, _stopRenewing.Token);
                try
                {
                    if (!await WriteAsync(Claim with { LeaseUntil = _clock.GetUtcNow() + _duration }, _stopRenewing.Token))
                    {
                        await _lost.CancelAsync();
                        return;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    _logger.ImportLeaseRenewalFailed(exception, Claim.Tenant.Value, Claim.ImportId);
                }
            }
        }
        catch (OperationCanceledException) when (_stopRenewing.IsCancellationRequested)
        {
            // Stopped: the run finished, released or was disposed.
        }
    }

    private async Task<bool> WriteAsync(ImportRecord record, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (IsLost)
            {
                return false;
            }

            if (await _imports.TryReplaceAsync(record, _etag, cancellationToken) is not { } etag)
            {
                IsLost = true;
                _logger.ImportLeaseLost(record.Tenant.Value, record.ImportId, record.LeaseOwner ?? Claim.LeaseOwner ?? "?");
                return false;
            }

            _etag = etag;
            Claim = record;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StopRenewingAsync()
    {
        if (!_stopRenewing.IsCancellationRequested)
        {
            await _stopRenewing.CancelAsync();
        }

        await _renewal;
    }
}
