using System.Text;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.ProviderNode.Replication;

namespace DePinGpu.ProviderNode.Tests.Replication;

public sealed class PendingAnnouncementsTests
{
    private static readonly PeerId Holder = PeerId.FromPublicKey(Ed25519PrivateKey.Generate().PublicKey);

    [Fact]
    public void SeveralCheckpointsOfOneLease_OnlyTheNewestIsTaken()
    {
        var pending = new PendingAnnouncements();
        pending.Offer(Announced(lease: 3, epoch: 0, step: 2));
        pending.Offer(Announced(lease: 3, epoch: 0, step: 6));
        pending.Offer(Announced(lease: 3, epoch: 0, step: 4));

        Assert.True(pending.TryTake(out var taken));
        Assert.Equal(6UL, taken.Step);
        Assert.False(pending.TryTake(out _));
    }

    [Fact]
    public void ALaterEpoch_IsNewerThanAHigherStepOfAnEarlierOne()
    {
        var pending = new PendingAnnouncements();
        pending.Offer(Announced(lease: 3, epoch: 0, step: 40));
        pending.Offer(Announced(lease: 3, epoch: 1, step: 2));

        Assert.True(pending.TryTake(out var taken));
        Assert.Equal((1U, 2UL), (taken.Epoch, taken.Step));
    }

    [Fact]
    public void Leases_AreTakenInTheOrderTheirFirstAnnouncementArrived()
    {
        var pending = new PendingAnnouncements();
        pending.Offer(Announced(lease: 5, epoch: 0, step: 2));
        pending.Offer(Announced(lease: 3, epoch: 0, step: 2));
        pending.Offer(Announced(lease: 5, epoch: 0, step: 4));

        Assert.True(pending.TryTake(out var first));
        Assert.True(pending.TryTake(out var second));
        Assert.Equal((5, 4UL), ((int)first.LeaseId, first.Step));
        Assert.Equal((3, 2UL), ((int)second.LeaseId, second.Step));
        Assert.Equal(0, pending.Count);
    }

    [Fact]
    public void HasNewerThan_SeesOnlyANewerCheckpointOfTheSameLease()
    {
        var pending = new PendingAnnouncements();
        var fetching = Announced(lease: 3, epoch: 0, step: 4);
        pending.Offer(Announced(lease: 3, epoch: 0, step: 4));
        pending.Offer(Announced(lease: 7, epoch: 0, step: 90));
        Assert.False(pending.HasNewerThan(fetching));

        pending.Offer(Announced(lease: 3, epoch: 0, step: 6));
        Assert.True(pending.HasNewerThan(fetching));
    }

    private static PeerCheckpointAnnounced Announced(int lease, uint epoch, ulong step) =>
        new(lease, epoch, step, Cid.ForBlock(MulticodecCode.Raw, Encoding.UTF8.GetBytes($"{lease}/{epoch}/{step}")), "0x00000000000000000000000000000000000000a1", Holder, Held: false);
}
