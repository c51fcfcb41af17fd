using System.Numerics;
using DePinGpu.Libp2p.Identity;
using DePinGpu.ProviderNode.Gossip;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.ProviderNode.Tests.Gossip;

public sealed class CapacityBoardTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);
    private static readonly PeerId Peer = WalletKey.Generate().PeerId;

    private static PeerCapacitySeen Capacity(string provider, int price) => new(provider, Peer, "RTX4090", 2, 1, 24, new BigInteger(price));

    [Fact]
    public void Record_SameProviderTwice_KeepsOnlyTheLatest()
    {
        var board = new CapacityBoard();

        board.Record(Capacity("0xaa", 100), Start);
        board.Record(Capacity("0xAA", 200), Start.AddSeconds(30));

        var sighting = Assert.Single(board.Latest());
        Assert.Equal(new BigInteger(200), sighting.Capacity.PricePerGpuSecond);
        Assert.Equal(Start.AddSeconds(30), sighting.SeenAt);
    }

    [Fact]
    public void Latest_ListsNewestFirst()
    {
        var board = new CapacityBoard();
        board.Record(Capacity("0x01", 1), Start.AddSeconds(5));
        board.Record(Capacity("0x02", 1), Start.AddSeconds(9));
        board.Record(Capacity("0x03", 1), Start);

        Assert.Equal(["0x02", "0x01", "0x03"], board.Latest().Select(sighting => sighting.Capacity.Provider));
    }

    [Fact]
    public void Record_PastTheBound_ForgetsTheProviderHeardFromLongestAgo()
    {
        var board = new CapacityBoard();
        for (var index = 0; index < CapacityBoard.MaxProviders; index++)
        {
            Assert.False(board.Record(Capacity("0x" + index.ToString("x", System.Globalization.CultureInfo.InvariantCulture), 1), Start.AddSeconds(index + 1)));
        }

        board.Record(Capacity("0x0", 1), Start.AddHours(1));
        Assert.True(board.Record(Capacity("0xnew", 1), Start.AddHours(2)));

        var providers = board.Latest().Select(sighting => sighting.Capacity.Provider).ToHashSet();
        Assert.Equal(CapacityBoard.MaxProviders, providers.Count);
        Assert.Contains("0xnew", providers);
        Assert.Contains("0x0", providers);
        Assert.DoesNotContain("0x1", providers);
    }
}
