using System.Numerics;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Rpc;

namespace DePinGpu.TenantCli.Demo;

/// <summary>
/// Reads the market's events for one order and its lease as blocks arrive (each poll asks for the blocks since the
/// last one), with each event's block time, into <see cref="DemoObservations.Events"/>.
/// </summary>
internal sealed class ChainWatch
{
    private readonly ProtocolConnection _chain;
    private readonly DemoObservations _observations;
    private readonly Dictionary<ulong, DateTimeOffset> _blockTimes = [];
    private ulong _next;

    /// <summary>Watches from block <paramref name="fromBlock"/> on; nothing is read yet.</summary>
    public ChainWatch(ProtocolConnection chain, DemoObservations observations, ulong fromBlock)
    {
        _chain = chain;
        _observations = observations;
        _next = fromBlock;
    }

    /// <summary>The events of the order and lease mined since the last poll, oldest first.</summary>
    public async Task<IReadOnlyList<(ChainEvent Event, DateTimeOffset BlockTime)>> PollAsync(CancellationToken cancellationToken)
    {
        var head = await _chain.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        if (head < _next)
        {
            return [];
        }

        var logs = await _chain.Rpc.GetLogsAsync(new LogFilter(_next, head, [_chain.Deployment.Contracts.Market], []), cancellationToken).ConfigureAwait(false);
        _next = head + 1;
        var fresh = new List<(ChainEvent, DateTimeOffset)>();
        foreach (var log in logs)
        {
            if (_chain.Events.Decode(log) is { } decoded && Concerns(decoded))
            {
                var entry = (decoded, await BlockTimeAsync(log.BlockNumber, cancellationToken).ConfigureAwait(false));
                fresh.Add(entry);
                _observations.Events.Add(entry);
            }
        }

        return fresh;
    }

    private bool Concerns(ChainEvent decoded)
    {
        if (decoded is OrderFinalized finalized && finalized.OrderId == _observations.OrderId)
        {
            _observations.LeaseId = finalized.FirstLeaseId;
            _observations.Standbys = finalized.Standbys;
            return true;
        }

        var lease = _observations.LeaseId;
        return decoded switch
        {
            OrderCreated created => created.OrderId == _observations.OrderId,
            OrderClosed closed => closed.OrderId == _observations.OrderId,
            StandbyDropped dropped => dropped.OrderId == _observations.OrderId,
            LeaseAssigned assigned => assigned.LeaseId == lease && lease != BigInteger.Zero,
            LeaseStarted started => started.LeaseId == lease && lease != BigInteger.Zero,
            CheckpointCommitted commit => commit.LeaseId == lease && lease != BigInteger.Zero,
            LeaseSettled settled => settled.LeaseId == lease && lease != BigInteger.Zero,
            FaultReported fault => fault.LeaseId == lease && lease != BigInteger.Zero,
            LeaseReassigned reassigned => reassigned.LeaseId == lease && lease != BigInteger.Zero,
            LeaseReopened reopened => reopened.LeaseId == lease && lease != BigInteger.Zero,
            LeaseCompleted completed => completed.LeaseId == lease && lease != BigInteger.Zero,
            LeaseClosed closed => closed.LeaseId == lease && lease != BigInteger.Zero,
            _ => false,
        };
    }

    private async Task<DateTimeOffset> BlockTimeAsync(ulong block, CancellationToken cancellationToken)
    {
        if (!_blockTimes.TryGetValue(block, out var time))
        {
            var header = await _chain.Rpc.GetBlockHeaderAsync(block, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The RPC has no header for block {block}, which holds a log it returned.");
            time = DateTimeOffset.FromUnixTimeSeconds((long)header.Timestamp);
            _blockTimes[block] = time;
        }

        return time;
    }
}
