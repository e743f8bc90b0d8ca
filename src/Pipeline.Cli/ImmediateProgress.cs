namespace Pipeline.Cli;

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread, at once and in order.</summary>
/// <remarks><see cref="Progress{T}"/> posts to a synchronization context or the thread pool, so lines could interleave.</remarks>
internal sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
