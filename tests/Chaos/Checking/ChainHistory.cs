using System.Collections.Concurrent;
using System.Numerics;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Chaos.Tests.Checking;

/// <summary>
/// Every market and registry event of the live chain, read at one moment, with the timestamps of the blocks that hold
/// them (read on demand): the chain's side of the history the checker reads.
/// </summary>
public sealed class ChainHistory
{
    private readonly ProtocolChain _chain;
    private readonly ConcurrentDictionary<ulong, DateTimeOffset> _blockTimes = new();

    private ChainHistory(ProtocolChain chain, IReadOnlyList<ChainEvent> events)
    {
        _chain = chain;
        Events = events;
    }

    /// <summary>The events, in chain order.</summary>
    public IReadOnlyList<ChainEvent> Events { get; }

    /// <summary>Reads every event of the market and the registry from block 0 to the head.</summary>
    public static async Task<ChainHistory> ReadAsync(ProtocolChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var head = await chain.Anvil.Rpc.GetBlockNumberAsync(CancellationToken.None);
        var contracts = chain.Deployment.Contracts;
        var logs = await chain.Anvil.Rpc.GetLogsAsync(new LogFilter(0, head, [contracts.Market, contracts.Registry], []), CancellationToken.None);
        var events = chain.Connection.Events.DecodeAll(logs).OrderBy(item => item.BlockNumber).ThenBy(item => item.LogIndex).ToArray();
        return new ChainHistory(chain, events);
    }

    /// <summary>The events of type <typeparamref name="T"/>.</summary>
    public IEnumerable<T> Of<T>() where T : ChainEvent => Events.OfType<T>();

    /// <summary>The market events about <paramref name="leaseId"/> of type <typeparamref name="T"/>.</summary>
    public IReadOnlyList<T> OfLease<T>(BigInteger leaseId) where T : ChainEvent =>
        [.. Events.OfType<T>().Where(item => LeaseOf(item) == leaseId)];

    /// <summary>The timestamp of block <paramref name="number"/> (the chain's clock; anvil mines on the wall clock).</summary>
    public async Task<DateTimeOffset> TimeOfAsync(ulong number)
    {
        if (_blockTimes.TryGetValue(number, out var known))
        {
            return known;
        }

        var header = await _chain.Anvil.Rpc.GetBlockHeaderAsync(number, CancellationToken.None)
            ?? throw new InvalidOperationException($"Block {number} is gone (a reorg after the history was read).");
        return _blockTimes[number] = DateTimeOffset.FromUnixTimeSeconds((long)header.Timestamp);
    }

    /// <summary>The timestamp of the block that holds <paramref name="item"/>.</summary>
    public Task<DateTimeOffset> TimeOfAsync(ChainEvent item) => TimeOfAsync((item ?? throw new ArgumentNullException(nameof(item))).BlockNumber);

    /// <summary>True when <paramref name="first"/> comes before <paramref name="second"/> on the chain.</summary>
    public static bool Precedes(ChainEvent first, ChainEvent second) =>
        first.BlockNumber < second.BlockNumber || (first.BlockNumber == second.BlockNumber && first.LogIndex < second.LogIndex);

    private static BigInteger? LeaseOf(ChainEvent item) => item switch
    {
        CheckpointCommitted commit => commit.LeaseId,
        LeaseReassigned reassigned => reassigned.LeaseId,
        FaultReported fault => fault.LeaseId,
        LeaseStarted started => started.LeaseId,
        LeaseClosed closed => closed.LeaseId,
        LeaseCompleted completed => completed.LeaseId,
        LeaseReopened reopened => reopened.LeaseId,
        _ => null,
    };
}
