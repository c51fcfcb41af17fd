using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Rpc;

namespace DePinGpu.Protocol.Tests.Support;

/// <summary>An event of the <see cref="LogEmitter"/>: its topic's value.</summary>
public sealed record EmittedEvent(long Value) : ChainEvent;

/// <summary>Decodes <see cref="LogEmitter"/> logs.</summary>
public sealed class RawLogDecoder(string address) : IChainEventDecoder
{
    public IReadOnlyList<string> Addresses { get; } = [address];

    public IReadOnlyList<string> Topics { get; } = [];

    public ChainEvent? Decode(LogEntry log) => log.Topics.Count == 1
        ? new EmittedEvent(Convert.ToInt64(log.Topics[0][^16..], 16))
        {
            Contract = log.Address,
            BlockNumber = log.BlockNumber,
            BlockHash = log.BlockHash,
            TransactionHash = log.TransactionHash,
            LogIndex = log.LogIndex,
        }
        : null;
}
