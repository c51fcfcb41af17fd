using System.Buffers;
using System.Collections.Concurrent;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Bitswap.Network;
using DePinGpu.Ipfs.Bitswap.Server;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Server;

public class BitswapServerFairnessTests
{
    [Fact]
    public async Task TwoGreedyPeers_AreServedInTurns()
    {
        RecordingBlockStore? store = null;
        await using var fixture = new ServerFixture(
            new BitswapServerOptions { WorkerCount = 1, TargetMessageSize = 256 * 1024, MaxBytesInFlightPerPeer = 64L * 1024 * 1024 },
            wrapStore: inner => store = new RecordingBlockStore(inner),
            start: false);
        var firstWants = new List<Cid>();
        var secondWants = new List<Cid>();
        for (var index = 0; index < 12; index++)
        {
            firstWants.Add(await fixture.PutAsync(TestData.Random(256 * 1024, seed: 200 + index)));
            secondWants.Add(await fixture.PutAsync(TestData.Random(256 * 1024, seed: 400 + index)));
        }

        var first = fixture.AddProbe();
        var second = fixture.AddProbe();
        fixture.Server.ReceiveWantlist(first.Id, new BitswapWantlist([.. firstWants.Select(cid => WantlistEntry.WantBlock(cid))], Full: false));
        fixture.Server.ReceiveWantlist(second.Id, new BitswapWantlist([.. secondWants.Select(cid => WantlistEntry.WantBlock(cid))], Full: false));

        fixture.Server.Start();
        await first.CollectAsync(blocks: 12, presences: 0);
        await second.CollectAsync(blocks: 12, presences: 0);

        // Each turn serves one 256 KiB block to one peer; the peers must alternate although the first asked for everything first.
        var turns = store!.Rented.Select(cid => firstWants.Contains(cid) ? 1 : 2).ToList();
        Assert.Equal(24, turns.Count);
        Assert.Equal(Enumerable.Range(0, 24).Select(index => index % 2 == 0 ? 1 : 2), turns);
    }

    [Fact]
    public async Task BytesInFlight_AreBoundedPerPeer()
    {
        GatedNetwork? network = null;
        const long limit = 1024 * 1024;
        await using var fixture = new ServerFixture(
            new BitswapServerOptions { TargetMessageSize = 256 * 1024, MaxBytesInFlightPerPeer = limit },
            endpoint => network = new GatedNetwork(endpoint, initiallyOpen: false));
        var cids = new List<Cid>();
        for (var index = 0; index < 20; index++)
        {
            cids.Add(await fixture.PutAsync(TestData.Random(256 * 1024, seed: 300 + index)));
        }

        var probe = fixture.AddProbe();
        await probe.SendAsync(fixture.Endpoint.LocalPeer, [.. cids.Select(cid => WantlistEntry.WantBlock(cid))]);

        await BitswapServerTests.WaitUntilAsync(() => network!.Waiting >= 4);
        await Task.Delay(200);
        Assert.Equal(4, network!.Waiting);
        Assert.InRange(fixture.Server.GetLedger(probe.Id)!.BytesInFlight, limit, limit + (256 * 1024) + 1024);

        network.Open();
        var messages = await probe.CollectAsync(blocks: 20, presences: 0);
        Assert.Equal(20, messages.Sum(message => message.Blocks.Count));
        await BitswapServerTests.WaitUntilAsync(() => fixture.Server.GetLedger(probe.Id)!.BytesInFlight == 0);
    }

    /// <summary>Records the order in which blocks are read for sending.</summary>
    private sealed class RecordingBlockStore(IBlockStore inner) : IBlockStore
    {
        public ConcurrentQueue<Cid> Rented { get; } = new();

        public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => inner.HasAsync(cid, cancellationToken);

        public ValueTask<byte[]?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => inner.GetAsync(cid, cancellationToken);

        public ValueTask<IMemoryOwner<byte>?> RentAsync(Cid cid, CancellationToken cancellationToken = default)
        {
            Rented.Enqueue(cid);
            return inner.RentAsync(cid, cancellationToken);
        }

        public ValueTask<int?> GetSizeAsync(Cid cid, CancellationToken cancellationToken = default) => inner.GetSizeAsync(cid, cancellationToken);

        public ValueTask<bool> PutAsync(Block block, CancellationToken cancellationToken = default) => inner.PutAsync(block, cancellationToken);

        public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) => inner.DeleteAsync(cid, cancellationToken);

        public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) => inner.EnumerateAsync(cancellationToken);

        public ValueTask FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public BlockStoreUsage GetUsage() => inner.GetUsage();
    }

    /// <summary>Holds every send until opened, and records the order in which sends reach the wire.</summary>
    private sealed class GatedNetwork(MemoryBitswapEndpoint inner, bool initiallyOpen) : IBitswapNetwork
    {
        private readonly TaskCompletionSource _open = NewGate(initiallyOpen);
        private int _waiting;

        public int Waiting => Volatile.Read(ref _waiting);

        public PeerId LocalPeer => inner.LocalPeer;

        public IReadOnlyCollection<PeerId> ConnectedPeers => inner.ConnectedPeers;

        public event Action<PeerId>? PeerConnected
        {
            add => inner.PeerConnected += value;
            remove => inner.PeerConnected -= value;
        }

        public event Action<PeerId>? PeerDisconnected
        {
            add => inner.PeerDisconnected += value;
            remove => inner.PeerDisconnected -= value;
        }

        public void Open() => _open.TrySetResult();

        public void SetMessageHandler(BitswapMessageHandler handler) => inner.SetMessageHandler(handler);

        public async Task SendAsync(PeerId peer, EncodedMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _waiting);
            await _open.Task.WaitAsync(cancellationToken);
            Interlocked.Decrement(ref _waiting);
            await inner.SendAsync(peer, message, cancellationToken);
        }

        public Task<bool> ConnectAsync(PeerId peer, CancellationToken cancellationToken) => inner.ConnectAsync(peer, cancellationToken);

        private static TaskCompletionSource NewGate(bool open)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (open)
            {
                gate.TrySetResult();
            }

            return gate;
        }
    }
}
