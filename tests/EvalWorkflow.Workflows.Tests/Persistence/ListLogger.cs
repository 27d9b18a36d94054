using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EvalWorkflow.Workflows.Tests.Persistence;

public sealed record LogLine(string Category, LogLevel Level, string Message, Exception? Exception);

/// <summary>Keeps every log line written through its loggers, for tests that assert what was logged.</summary>
public sealed class ListLogger : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> lines = new();

    public IReadOnlyList<LogLine> Lines => [.. lines];

    public bool Has(LogLevel level, string text) => lines.Any(l => l.Level == level && l.Message.Contains(text, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ListLogger owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            owner.lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception), exception));
    }
}
