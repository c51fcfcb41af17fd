using System.Numerics;
using DePinGpu.Protocol.Clients;

namespace DePinGpu.Chaos.Tests.Cluster;

/// <summary>A Stateful lease a scenario runs: its id, the tenant's market client, and the nodes in the order they hold it (active first, then standbys).</summary>
public sealed record ScenarioLease(BigInteger LeaseId, MarketClient Tenant, IReadOnlyList<ChaosNode> Holders)
{
    /// <summary>The node that runs it first.</summary>
    public ChaosNode Active => Holders[0];
}
