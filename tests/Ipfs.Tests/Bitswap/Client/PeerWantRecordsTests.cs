using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

public class PeerWantRecordsTests
{
    private static readonly Cid Block = Cid.ForBlock(MulticodecCode.Raw, [1, 2, 3]);

    [Fact]
    public void SecondFetchWantingTheSameBlock_SendsNothingMore()
    {
        var records = new PeerWantRecords(100, TimeSpan.FromSeconds(60));

        Assert.Equal(WantlistEntry.WantHave(Block), records.Want(Block, WantType.Have));
        Assert.Equal(WantlistEntry.WantBlock(Block), records.Want(Block, WantType.Block));
        Assert.Null(records.Want(Block, WantType.Block));
        Assert.Null(records.Want(Block, WantType.Have));
    }

    [Fact]
    public void Cancel_GoesOutOnlyWhenTheLastFetchLetsGo()
    {
        var records = new PeerWantRecords(100, TimeSpan.FromSeconds(60));
        records.Want(Block, WantType.Block);
        records.Want(Block, WantType.Block);

        Assert.Null(records.Cancel(Block, WantType.Block));
        Assert.Equal(WantlistEntry.CancelWant(Block), records.Cancel(Block, WantType.Block));
        Assert.Null(records.Cancel(Block, WantType.Block));
    }

    [Fact]
    public void BlockFromThePeer_IsExpectedWhileWantedAndDuringTheGraceAfter()
    {
        var records = new PeerWantRecords(100, TimeSpan.FromSeconds(60));
        Assert.False(records.Expects(Block));

        records.Want(Block, WantType.Block);
        Assert.True(records.Expects(Block));

        records.Received(Block);
        Assert.False(records.IsActive(Block));
        Assert.True(records.Expects(Block));
        Assert.Null(records.Cancel(Block, WantType.Block));
    }

    [Fact]
    public void WithoutGrace_AnEndedWantIsNoLongerExpected()
    {
        var records = new PeerWantRecords(100, TimeSpan.Zero);
        records.Want(Block, WantType.Block);
        records.Cancel(Block, WantType.Block);

        Thread.Sleep(5);

        Assert.False(records.Expects(Block));
    }

    [Fact]
    public void EndedWants_AreBoundedInNumber()
    {
        var records = new PeerWantRecords(maxEnded: 10, TimeSpan.FromMinutes(5));
        var cids = Enumerable.Range(0, 30).Select(index => Cid.ForBlock(MulticodecCode.Raw, BitConverter.GetBytes(index))).ToList();
        foreach (var cid in cids)
        {
            records.Want(cid, WantType.Block);
            records.Received(cid);
        }

        Assert.False(records.Expects(cids[0]));
        Assert.True(records.Expects(cids[^1]));
    }

    [Fact]
    public void WantHave_AfterABlockWantOrAnotherHave_SendsNothingMore()
    {
        var records = new PeerWantRecords(100, TimeSpan.FromSeconds(60));
        Assert.Equal(WantlistEntry.WantBlock(Block), records.Want(Block, WantType.Block));
        Assert.Null(records.Want(Block, WantType.Have));

        var other = Cid.ForBlock(MulticodecCode.Raw, [4, 5, 6]);
        Assert.Equal(WantlistEntry.WantHave(other), records.Want(other, WantType.Have));
        Assert.Null(records.Want(other, WantType.Have));
        Assert.Equal(2, records.ActiveCount);
    }

    [Fact]
    public void CancelOfAHave_GoesOutOnlyWhenNoHaveAndNoBlockWantIsLeft()
    {
        var records = new PeerWantRecords(100, TimeSpan.FromSeconds(60));
        records.Want(Block, WantType.Have);
        records.Want(Block, WantType.Have);
        records.Want(Block, WantType.Block);

        Assert.Null(records.Cancel(Block, WantType.Have));
        Assert.Null(records.Cancel(Block, WantType.Block));
        Assert.True(records.IsActive(Block));
        Assert.Equal(WantlistEntry.CancelWant(Block), records.Cancel(Block, WantType.Have));
        Assert.False(records.IsActive(Block));
        Assert.Equal(0, records.ActiveCount);
    }

    [Fact]
    public void WantOfACidV0_IsRecordedUnderItsV1Form()
    {
        var records = new PeerWantRecords(100, TimeSpan.FromSeconds(60));
        var v0 = Cid.CreateV0(Multihash.Sha256([7, 8, 9]));

        Assert.Equal(WantlistEntry.WantBlock(v0), records.Want(v0, WantType.Block));
        Assert.True(records.IsActive(v0.ToV1()));
        Assert.Null(records.Want(v0.ToV1(), WantType.Block));
        records.Received(v0.ToV1());
        Assert.False(records.IsActive(v0.ToV1()));
        Assert.True(records.Expects(v0.ToV1()));
    }

    [Fact]
    public void EndedWants_KeepExactlyTheLatestMaxEnded()
    {
        var records = new PeerWantRecords(maxEnded: 10, TimeSpan.FromMinutes(5));
        var cids = Enumerable.Range(0, 30).Select(index => Cid.ForBlock(MulticodecCode.Raw, BitConverter.GetBytes(index))).ToList();
        foreach (var cid in cids)
        {
            records.Want(cid, WantType.Block);
            records.Received(cid);
        }

        Assert.All(cids[^10..], cid => Assert.True(records.Expects(cid)));
        Assert.All(cids[..^10], cid => Assert.False(records.Expects(cid)));
    }
}
