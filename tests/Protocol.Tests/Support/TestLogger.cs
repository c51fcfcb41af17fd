using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Protocol.Tests.Support;

/// <summary>Collects log entries so tests can check what was logged (and how often).</summary>
public sealed class TestLogger<T> : ILogger<T>
{
    /// <summary>Every entry written, in order.</summary>
    public ConcurrentQueue<(LogLevel Level, EventId EventId, string Message)> Entries { get; } = new();

    /// <summary>How many entries carry <paramref name="eventId"/>.</summary>
    public int Count(int eventId) => Entries.Count(entry => entry.EventId.Id == eventId);

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, formatter(state, exception)));
}
