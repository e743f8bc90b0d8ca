using System.Collections.Concurrent;

namespace Pipeline.Application.Kpis;

/// <summary>Shares one storage read among concurrent callers of the same key, never handing a caller a read that began before it arrived.</summary>
/// <remarks>
/// <para>
/// While a read of a key is running, callers that arrive wait for the next read, which starts when the running one ends
/// and serves all of them: at most one read per key is in flight, and 100 concurrent requests cost one or two round trips
/// instead of 100. Because the read a caller gets started after it arrived, it sees every write completed before its
/// request, exactly as its own read would (a reopen that returned is never missed).
/// </para>
/// <para>
/// Reads run without the callers' cancellation (others may be waiting for them); a caller that gives up stops waiting.
/// A key's slot is dropped when no one waits, so memory holds only the keys being read.
/// </para>
/// </remarks>
/// <param name="read">Reads the value of a key.</param>
/// <param name="joinRunningRead">
/// Whether a caller may join a read already running: right when the key itself names a state that was read fresh (a
/// change stamp), so any read of it is as new as the caller needs.
/// </param>
internal sealed class SharedFreshReads<TKey, TValue>(Func<TKey, Task<TValue>> read, bool joinRunningRead = false) where TKey : notnull
{
    private readonly Func<TKey, Task<TValue>> _read = read;
    private readonly bool _joinRunningRead = joinRunningRead;
    private readonly ConcurrentDictionary<TKey, Slot> _slots = new();

    public Task<TValue> ReadAsync(TKey key, CancellationToken cancellationToken)
    {
        while (true)
        {
            var slot = _slots.GetOrAdd(key, static (key, owner) => new Slot(owner, key), this);
            if (slot.TryJoin(out var task))
            {
                return task.WaitAsync(cancellationToken);
            }
        }
    }

    private sealed class Slot(SharedFreshReads<TKey, TValue> owner, TKey key)
    {
        private readonly Lock _gate = new();
        private bool _running;
        private bool _retired;
        private TaskCompletionSource<TValue>? _waiting;
        private TaskCompletionSource<TValue>? _current;

        /// <summary>The read this caller gets; false when the slot was retired (the caller takes a new one).</summary>
        public bool TryJoin(out Task<TValue> task)
        {
            TaskCompletionSource<TValue> first;
            lock (_gate)
            {
                if (_retired)
                {
                    task = Task.FromResult<TValue>(default!);
                    return false;
                }

                if (_running && owner._joinRunningRead && _current is { } current)
                {
                    task = current.Task;
                    return true;
                }

                if (_running)
                {
                    _waiting ??= new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                    task = _waiting.Task;
                    return true;
                }

                _running = true;
                first = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                _current = first;
            }

            task = first.Task;
            _ = RunAsync(first);
            return true;
        }

        private async Task RunAsync(TaskCompletionSource<TValue> result)
        {
            while (true)
            {
                try
                {
                    result.SetResult(await owner._read(key));
                }
                catch (Exception exception)
                {
                    result.SetException(exception);
                }

                lock (_gate)
                {
                    if (_waiting is null)
                    {
                        _running = false;
                        _retired = true;
                        break;
                    }

                    result = _waiting;
                    _current = result;
                    _waiting = null;
                }
            }

            owner._slots.TryRemove(new KeyValuePair<TKey, Slot>(key, this));
        }
    }
}
