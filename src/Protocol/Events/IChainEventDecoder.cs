using DePinGpu.Protocol.Rpc;

namespace DePinGpu.Protocol.Events;

/// <summary>Says which logs a stream fetches and turns them into typed events.</summary>
public interface IChainEventDecoder
{
    /// <summary>Contracts whose logs are fetched.</summary>
    IReadOnlyList<string> Addresses { get; }

    /// <summary>Event signatures (topic 0) fetched; empty for all events of <see cref="Addresses"/>.</summary>
    IReadOnlyList<string> Topics { get; }

    /// <summary>The typed event of <paramref name="log"/>, or null for a log this decoder does not know.</summary>
    ChainEvent? Decode(LogEntry log);
}
