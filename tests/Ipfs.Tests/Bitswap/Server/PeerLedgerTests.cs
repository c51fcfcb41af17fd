using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Bitswap.Server;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Server;

public class PeerLedgerTests
{
    private static readonly PeerId Peer = PeerId.FromPublicKey(Ed25519PrivateKey.Generate().PublicKey);

    [Fact]
    public void SameCidTwiceInOneWantlist_TheLaterEntryWins()
    {
        var ledger = new PeerLedger(Peer, maxWants: 10);
        var cid = Cid.ForBlock(MulticodecCode.Raw, [1]);

        ledger.Apply(new BitswapWantlist([WantlistEntry.WantBlock(cid), WantlistEntry.WantHave(cid)], Full: false));

        var want = ledger.TakeNext();
        Assert.NotNull(want);
        Assert.Equal(WantType.Have, want.WantType);
        Assert.Null(ledger.TakeNext());
    }

    [Fact]
    public void CidV0AndCidV1OfTheSameBlock_AreOneWant()
    {
        var ledger = new PeerLedger(Peer, maxWants: 10);
        var v0 = Cid.CreateV0(Multihash.Sha256([7]));

        ledger.Apply(new BitswapWantlist([WantlistEntry.WantBlock(v0), WantlistEntry.WantBlock(v0.ToV1())], Full: false));

        Assert.Equal(1, ledger.Snapshot().Wants);
    }

    [Fact]
    public void CancelOfATakenWant_MakesItStale()
    {
        var ledger = new PeerLedger(Peer, maxWants: 10);
        var cid = Cid.ForBlock(MulticodecCode.Raw, [2]);
        ledger.Apply(new BitswapWantlist([WantlistEntry.WantBlock(cid)], Full: false));
        var want = ledger.TakeNext()!;

        ledger.Apply(new BitswapWantlist([WantlistEntry.CancelWant(cid)], Full: false));

        Assert.False(ledger.IsCurrent(want));
        Assert.Equal(0, ledger.Snapshot().Wants);
    }

    [Fact]
    public void PutBack_KeepsTheWantFirstInLine()
    {
        var ledger = new PeerLedger(Peer, maxWants: 10);
        var first = Cid.ForBlock(MulticodecCode.Raw, [3]);
        var second = Cid.ForBlock(MulticodecCode.Raw, [4]);
        ledger.Apply(new BitswapWantlist([WantlistEntry.WantBlock(first), WantlistEntry.WantBlock(second)], Full: false));

        ledger.PutBack(ledger.TakeNext()!);

        Assert.Equal(first, ledger.TakeNext()!.Cid);
    }

    [Fact]
    public void ParkedWant_IsReadyAgainOnlyWhenItsBlockIsReported()
    {
        var ledger = new PeerLedger(Peer, maxWants: 10);
        var cid = Cid.ForBlock(MulticodecCode.Raw, [5]);
        ledger.Apply(new BitswapWantlist([WantlistEntry.WantBlock(cid)], Full: false));
        ledger.Park(ledger.TakeNext()!, dontHaveSent: true);

        Assert.False(ledger.TryMarkQueued(long.MaxValue));
        Assert.Equal(0, ledger.Unpark([Cid.ForBlock(MulticodecCode.Raw, [6])]));
        Assert.Equal(1, ledger.Unpark([cid]));

        var again = ledger.TakeNext()!;
        Assert.True(again.DontHaveSent);
        Assert.Equal(1, ledger.Snapshot().DontHavesSent);
    }

    [Fact]
    public void ManyReplacedWants_DoNotGrowTheQueueWithoutBound()
    {
        var ledger = new PeerLedger(Peer, maxWants: 10);
        var cid = Cid.ForBlock(MulticodecCode.Raw, [8]);
        for (var round = 0; round < 50_000; round++)
        {
            ledger.Apply(new BitswapWantlist([WantlistEntry.WantBlock(cid)], Full: false));
        }

        Assert.Equal(1, ledger.Snapshot().Wants);
        Assert.Equal(cid, ledger.TakeNext()!.Cid);
        Assert.Null(ledger.TakeNext());
    }
}
