using System.Diagnostics;

namespace Pipeline.Benchmarks;

/// <summary>Samples the process's working set every 50 ms and keeps the highest value since the last <see cref="TakePeak"/>.</summary>
/// <remarks>
/// The process's peak working set is a high-water mark over its whole life (the synthetic ledger, DuckDB); sampling
/// tells what one step needed. A peak shorter than 50 ms can be missed.
/// </remarks>
internal sealed class WorkingSetSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public WorkingSetSampler() => _loop = Task.Run(SampleAsync);

    public long TakePeak() => Interlocked.Exchange(ref _peak, 0);

    private async Task SampleAsync()
    {
        using var process = Process.GetCurrentProcess();
        while (!_stop.IsCancellationRequested)
        {
            process.Refresh();
            var current = process.WorkingSet64;
            var known = Interlocked.Read(ref _peak);
            while (current > known && Interlocked.CompareExchange(ref _peak, current, known) != known)
            {
                known = Interlocked.Read(ref _peak);
            }

            try
            {
                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
