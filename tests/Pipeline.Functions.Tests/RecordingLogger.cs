using Microsoft.Extensions.Logging;

namespace Pipeline.Functions.Tests;

/// <summary>A logger that keeps every entry as level, event id and formatted message, for a test to read.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<string> _entries = [];

    /// <summary>The entries so far, each as <c>{level} {event id}: {message}</c>.</summary>
    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToList();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_entries)
        {
            _entries.Add($"{logLevel} {eventId.Id}: {formatter(state, exception)}");
        }
    }
}
