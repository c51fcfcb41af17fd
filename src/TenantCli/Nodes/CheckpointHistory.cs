using System.Numerics;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Rpc;

namespace DePinGpu.TenantCli.Nodes;

/// <summary>A lease's committed checkpoints, read from the market's <c>CheckpointCommitted</c> events (in block ranges, so a long chain is never one huge query).</summary>
internal static class CheckpointHistory
{
    private const ulong BlocksPerQuery = 50_000;

    /// <summary>Every commit of <paramref name="leaseId"/>, oldest first, with the block and transaction of each.</summary>
    public static async Task<IReadOnlyList<(CheckpointCommitted Commit, ulong Block, string Transaction)>> ReadAsync(ProtocolConnection chain, BigInteger leaseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var head = await chain.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var commits = new List<(CheckpointCommitted, ulong, string)>();
        for (var from = chain.Deployment.DeploymentBlock; from <= head; from += BlocksPerQuery)
        {
            var to = Math.Min(head, from + BlocksPerQuery - 1);
            var logs = await chain.Rpc.GetLogsAsync(new LogFilter(from, to, [chain.Deployment.Contracts.Market], []), cancellationToken).ConfigureAwait(false);
            foreach (var log in logs)
            {
                if (chain.Events.Decode(log) is CheckpointCommitted commit && commit.LeaseId == leaseId)
                {
                    commits.Add((commit, log.BlockNumber, log.TransactionHash));
                }
            }
        }

        return commits;
    }
}
