using System.Numerics;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Rpc;

namespace DePinGpu.TenantCli.Chain;

/// <summary>
/// What only the market's events tell about leases: the CID of the last committed checkpoint (the chain state keeps a
/// digest) and the number of hand-overs (<c>LeaseReassigned</c>). Reads forward from where it stopped, in block ranges,
/// so <c>lease watch</c> asks only for new blocks on each poll.
/// </summary>
internal sealed class LeaseHistory
{
    private const ulong BlocksPerQuery = 50_000;

    private readonly ProtocolConnection _chain;
    private readonly Dictionary<BigInteger, int> _handOvers = [];
    private readonly Dictionary<BigInteger, CheckpointCommitted> _lastCheckpoints = [];
    private ulong _nextBlock;

    /// <summary>Creates the history of the deployment's market; reads nothing yet.</summary>
    public LeaseHistory(ProtocolConnection chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        _chain = chain;
        _nextBlock = chain.Deployment.DeploymentBlock;
    }

    /// <summary>Reads the market's events from the last block read up to the chain's head.</summary>
    public async Task UpdateAsync(CancellationToken cancellationToken)
    {
        var head = await _chain.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        while (_nextBlock <= head)
        {
            var to = Math.Min(head, _nextBlock + BlocksPerQuery - 1);
            var logs = await _chain.Rpc.GetLogsAsync(new LogFilter(_nextBlock, to, [_chain.Deployment.Contracts.Market], []), cancellationToken).ConfigureAwait(false);
            foreach (var log in logs)
            {
                Record(_chain.Events.Decode(log));
            }

            _nextBlock = to + 1;
        }
    }

    /// <summary>How many times <paramref name="leaseId"/> was taken from a provider (each hand-over raises its epoch by one).</summary>
    public int HandOvers(BigInteger leaseId) => _handOvers.GetValueOrDefault(leaseId);

    /// <summary>The last checkpoint committed for <paramref name="leaseId"/>, or null when none was.</summary>
    public CheckpointCommitted? LastCheckpoint(BigInteger leaseId) => _lastCheckpoints.GetValueOrDefault(leaseId);

    private void Record(ChainEvent? chainEvent)
    {
        switch (chainEvent)
        {
            case LeaseReassigned reassigned:
                _handOvers[reassigned.LeaseId] = HandOvers(reassigned.LeaseId) + 1;
                break;
            case CheckpointCommitted commit:
                _lastCheckpoints[commit.LeaseId] = commit;
                break;
        }
    }
}
