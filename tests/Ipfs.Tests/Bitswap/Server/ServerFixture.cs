using DePinGpu.Ipfs.Bitswap.Network;
using DePinGpu.Ipfs.Bitswap.Server;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Server;

/// <summary>A <see cref="BitswapServer"/> on a memory hub, serving a memory store, with probe peers connected to it.</summary>
internal sealed class ServerFixture : IAsyncDisposable
{
    public ServerFixture(
        BitswapServerOptions? options = null,
        Func<MemoryBitswapEndpoint, IBitswapNetwork>? wrap = null,
        Func<IBlockStore, IBlockStore>? wrapStore = null,
        bool start = true,
        Ipfs.Access.IBlockAccessPolicy? accessPolicy = null)
    {
        Endpoint = Hub.Join();
        Server = new BitswapServer(wrapStore?.Invoke(Store) ?? Store, wrap?.Invoke(Endpoint) ?? Endpoint, options, null, accessPolicy);
        Endpoint.SetMessageHandler((peer, message, _) =>
        {
            if (message.Wantlist is { } wantlist)
            {
                Server.ReceiveWantlist(peer, wantlist);
            }

            return Task.CompletedTask;
        });
        Endpoint.PeerDisconnected += Server.PeerDisconnected;
        if (start)
        {
            Server.Start();
        }
    }

    public MemoryBitswapHub Hub { get; } = new();

    public MemoryBlockStore Store { get; } = new();

    public MemoryBitswapEndpoint Endpoint { get; }

    public BitswapServer Server { get; }

    public ProbePeer AddProbe()
    {
        var probe = new ProbePeer(Hub);
        Hub.Connect(Endpoint, probe.Endpoint);
        return probe;
    }

    public async Task<Cid> PutAsync(byte[] data, ulong codec = MulticodecCode.Raw)
    {
        var block = Block.Create(codec, data);
        await Store.PutAsync(block);
        return block.Cid;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Hub.DisposeAsync();
    }
}
