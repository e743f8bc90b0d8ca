using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pipeline.LocalHost.Tests.Hardening;

/// <summary>A logger provider that keeps every entry of the host (category, level, event id), for a test to read.</summary>
internal sealed class RecordedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, int EventId)> _entries = new();

    /// <summary>The entries so far, in the order they were written.</summary>
    public IReadOnlyList<(string Category, LogLevel Level, int EventId)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<(string Category, LogLevel Level, int EventId)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, logLevel, eventId.Id));
    }
}
