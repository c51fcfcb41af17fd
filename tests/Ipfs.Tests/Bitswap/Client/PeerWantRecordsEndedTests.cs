using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>The bounded memory of ended wants: evicting an old entry of a key must not forget a later end of the same key.</summary>
public class PeerWantRecordsEndedTests
{
    private static readonly Cid Again = Cid.ForBlock(MulticodecCode.Raw, [1]);
    private static readonly Cid Other = Cid.ForBlock(MulticodecCode.Raw, [2]);

    [Fact]
    public void KeyEndedTwice_EvictingItsFirstEnd_KeepsTheLaterOne()
    {
        var records = new PeerWantRecords(maxEnded: 2, TimeSpan.FromMinutes(1));
        End(records, Again);
        WaitForTheClockToTick(); // the second end gets a later deadline than the first

        End(records, Again);
        End(records, Other); // three entries for two places: the first end of Again is evicted

        Assert.True(records.Expects(Again));
        Assert.True(records.Expects(Other));
    }

    private static void End(PeerWantRecords records, Cid cid)
    {
        records.Want(cid, WantType.Block);
        Assert.NotNull(records.Cancel(cid, WantType.Block));
    }

    private static void WaitForTheClockToTick()
    {
        var start = Environment.TickCount64;
        var bound = DateTime.UtcNow.AddSeconds(10);
        while (Environment.TickCount64 == start && DateTime.UtcNow < bound)
        {
            Thread.Yield();
        }

        Assert.NotEqual(start, Environment.TickCount64);
    }
}
