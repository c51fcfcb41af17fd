using DePinGpu.Ipfs.Bitswap.Network;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Network;

public class Libp2pBitswapNetworkTests
{
    [Fact]
    public async Task Identify_AdvertisesBitswap_AndBothSidesSeeABitswapPeer()
    {
        await using var first = await HostBitswapNode.StartAsync();
        await using var second = await HostBitswapNode.StartAsync();

        await first.ConnectAsync(second);

        Assert.Contains(Libp2pBitswapNetwork.ProtocolId, first.Host.Protocols);
        Assert.True(first.Host.PeerStore.Get(second.Id)!.Supports(Libp2pBitswapNetwork.ProtocolId));
        Assert.True(second.Host.PeerStore.Get(first.Id)!.Supports(Libp2pBitswapNetwork.ProtocolId));
    }

    [Fact]
    public async Task Fetch_OverLibp2p_InBothDirections()
    {
        await using var first = await HostBitswapNode.StartAsync();
        await using var second = await HostBitswapNode.StartAsync();
        var one = TestData.Random(3 * TestData.MiB + 12345, seed: 31);
        var two = TestData.Random(TestData.MiB, seed: 32);
        var oneRoot = (await new UnixFsImporter().ImportBytesAsync(one, first.Blocks)).Cid;
        var twoRoot = (await new UnixFsImporter().ImportBytesAsync(two, second.Blocks)).Cid;
        await first.ConnectAsync(second);

        var results = await Task.WhenAll(second.Node.FetchAsync(oneRoot), first.Node.FetchAsync(twoRoot));

        Assert.All(results, result => Assert.True(result.IsComplete, result.Error));
        Assert.Equal(one, await ReadAsync(second, oneRoot));
        Assert.Equal(two, await ReadAsync(first, twoRoot));
    }

    [Fact]
    public async Task IdleOutboundStreams_AreClosed()
    {
        var quickClose = new Libp2pBitswapNetworkOptions { IdleStreamTimeout = TimeSpan.FromMilliseconds(300) };
        await using var holder = await HostBitswapNode.StartAsync(networkOptions: quickClose);
        await using var fetcher = await HostBitswapNode.StartAsync(networkOptions: quickClose);
        var root = (await new UnixFsImporter().ImportBytesAsync(TestData.Random(TestData.MiB, seed: 33), holder.Blocks)).Cid;
        await fetcher.ConnectAsync(holder);

        Assert.True((await fetcher.Node.FetchAsync(root)).IsComplete);

        await HostBitswapNode.WaitAsync(() =>
            holder.Host.GetConnections(fetcher.Id).Sum(connection => connection.StreamCount) == 0
            && fetcher.Host.GetConnections(holder.Id).Sum(connection => connection.StreamCount) == 0);
    }

    [Fact]
    public async Task OversizedInboundMessage_ResetsThatStreamOnly()
    {
        await using var holder = await HostBitswapNode.StartAsync();
        await using var fetcher = await HostBitswapNode.StartAsync();
        var root = (await new UnixFsImporter().ImportBytesAsync(TestData.Random(500_000, seed: 34), holder.Blocks)).Cid;
        await fetcher.ConnectAsync(holder);

        await using var hostile = await fetcher.Host.OpenStreamAsync(holder.Id, [Libp2pBitswapNetwork.ProtocolId]);
        await hostile.WriteAsync(Varint.Encode(64 * 1024 * 1024));

        // The holder must reset the stream (a plain close would leave our half open and the stream counted).
        await HostBitswapNode.WaitAsync(() => holder.Host.GetConnections(fetcher.Id).Sum(connection => connection.StreamCount) == 0);
        Assert.True(holder.Host.IsConnected(fetcher.Id));

        var result = await fetcher.Node.FetchAsync(root);

        Assert.True(result.IsComplete, result.Error);
    }

    private static async Task<byte[]> ReadAsync(HostBitswapNode node, Cid root)
    {
        var output = new MemoryStream();
        await new UnixFsExporter(node.Blocks).WriteFileAsync(root, output);
        return output.ToArray();
    }
}
