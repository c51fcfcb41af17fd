using System.Numerics;
using DePinGpu.ProviderNode.Connectivity;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Rpc;

namespace DePinGpu.ProviderNode.Tests.Connectivity;

public sealed class LeaseOnChainTests
{
    private const string Owner = "0x00000000000000000000000000000000000000aa";

    [Theory]
    [InlineData(LeaseState.Assigned, Owner, 3u, true)]
    [InlineData(LeaseState.Running, "0x00000000000000000000000000000000000000AA", 3u, true)]
    [InlineData(LeaseState.Running, "0x00000000000000000000000000000000000000bb", 3u, false)]
    [InlineData(LeaseState.Running, Owner, 4u, false)]
    [InlineData(LeaseState.Reassigning, null, 3u, false)]
    [InlineData(LeaseState.Closed, Owner, 3u, false)]
    public void IsHeldBy_OnlyALiveLeaseOfThisProviderAtThisEpoch(LeaseState state, string? provider, uint epoch, bool held) =>
        Assert.Equal(held, LeaseOnChain.IsHeldBy(Lease(state, provider, epoch, LeaseReason.None), Owner, 3));

    [Fact]
    public void IsHeldBy_AnUnknownLease_IsFalse() => Assert.False(LeaseOnChain.IsHeldBy(null, Owner, 3));

    [Fact]
    public void ReasonGone_IsTheCloseReason_OrAMissedHeartbeatForAReassignment()
    {
        Assert.Equal(LeaseReason.TenantClosed, LeaseOnChain.ReasonGone(Lease(LeaseState.Closed, null, 3, LeaseReason.TenantClosed)));
        Assert.Equal(LeaseReason.MissedHeartbeat, LeaseOnChain.ReasonGone(Lease(LeaseState.Reassigning, null, 4, LeaseReason.None)));
    }

    [Fact]
    public void TransientFaults_AreRetried_NodeVerdictsAreNot()
    {
        Assert.True(LeaseCalls.IsTransient(new RpcTransportException("refused")));
        Assert.True(LeaseCalls.IsTransient(new TimeoutException()));
        Assert.False(LeaseCalls.IsTransient(new RpcErrorException("eth_sendRawTransaction", -32000, "insufficient funds", null)));
        Assert.False(LeaseCalls.IsTransient(new ContractRevertException("Unknown", "commitCheckpoint", "reverted")));
    }

    private static LeaseDetails Lease(LeaseState state, string? provider, uint epoch, LeaseReason reason) => new(
        BigInteger.One, BigInteger.One, 0, OrderKind.Stateful, state, provider, epoch, BigInteger.One, default, null, default, default, default, null,
        BigInteger.Zero, null, 0, default, reason);
}
