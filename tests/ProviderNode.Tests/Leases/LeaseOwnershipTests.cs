using System.Numerics;
using DePinGpu.ProviderNode.Leases;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Tests.Leases;

public class LeaseOwnershipTests
{
    private const string Me = "0x00000000000000000000000000000000000000aa";
    private static readonly LeaseRecord Running = new() { Id = "9", OrderId = "5", Epoch = 0, Status = LeaseStatus.Running };

    [Fact]
    public void StillOurs_AtTheRecordsEpoch_IsResumed() =>
        Assert.Null(LeaseOwnership.Decide(Running, Lease(Me, 0, LeaseState.Running), Me));

    [Fact]
    public void HandedOverAtALaterEpoch_OrToAnotherProvider_OrReassigning_IsMoved()
    {
        Assert.Equal(LeaseTrigger.MovedOnChain, LeaseOwnership.Decide(Running, Lease("0x00000000000000000000000000000000000000bb", 1, LeaseState.Running), Me));
        Assert.Equal(LeaseTrigger.MovedOnChain, LeaseOwnership.Decide(Running, Lease(Me, 1, LeaseState.Assigned), Me));
        Assert.Equal(LeaseTrigger.MovedOnChain, LeaseOwnership.Decide(Running, Lease(null, 1, LeaseState.Reassigning), Me));
    }

    [Fact]
    public void ClosedOrCompleted_OrUnknown_EndsTheRecord()
    {
        Assert.Equal(LeaseTrigger.ClosedOnChain, LeaseOwnership.Decide(Running, Lease(Me, 0, LeaseState.Closed), Me));
        Assert.Equal(LeaseTrigger.CompletedOnChain, LeaseOwnership.Decide(Running, Lease(Me, 0, LeaseState.Closed, LeaseReason.Completed), Me));
        Assert.Equal(LeaseTrigger.ClosedOnChain, LeaseOwnership.Decide(Running, null, Me));
    }

    private static LeaseDetails Lease(string? provider, uint epoch, LeaseState state, LeaseReason reason = LeaseReason.None) => new(
        9, 5, 0, OrderKind.Stateful, state, provider, epoch, 1000, DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        DateTimeOffset.UnixEpoch.AddDays(1), null, BigInteger.One, null, 0, DateTimeOffset.UnixEpoch, reason);
}
