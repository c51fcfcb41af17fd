using System.Collections.Concurrent;
using System.Threading.Channels;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Ipfs.Tests.Bitswap.Support;

/// <summary>
/// Connects Bitswap engines in memory for unit tests: every message travels as its encoded frame through a bounded
/// per-direction queue and is decoded by the real <see cref="BitswapMessageReader"/> on the other side. Links can be
/// cut (both ends see a disconnect) and frames can be intercepted to drop or corrupt them.
/// </summary>
internal sealed class MemoryBitswapHub : IAsyncDisposable
{
    private readonly ConcurrentDictionary<PeerId, MemoryBitswapEndpoint> _endpoints = new();
    private readonly ConcurrentDictionary<(PeerId From, PeerId To), MemoryLink> _links = new();

    /// <summary>Rewrites or drops (returns null) a frame in flight; null interceptor passes everything.</summary>
    public Func<PeerId, PeerId, byte[], byte[]?>? Interceptor { get; set; }

    public MemoryBitswapEndpoint Join()
    {
        var endpoint = new MemoryBitswapEndpoint(this, PeerId.FromPublicKey(Ed25519PrivateKey.Generate().PublicKey));
        _endpoints[endpoint.LocalPeer] = endpoint;
        return endpoint;
    }

    public void Connect(MemoryBitswapEndpoint first, MemoryBitswapEndpoint second)
    {
        if (IsConnected(first.LocalPeer, second.LocalPeer))
        {
            return;
        }

        _links[(first.LocalPeer, second.LocalPeer)] = new MemoryLink(this, second);
        _links[(second.LocalPeer, first.LocalPeer)] = new MemoryLink(this, first);
        first.Connected(second.LocalPeer);
        second.Connected(first.LocalPeer);
    }

    public void Disconnect(MemoryBitswapEndpoint first, MemoryBitswapEndpoint second)
    {
        var removed = _links.TryRemove((first.LocalPeer, second.LocalPeer), out var forward);
        removed |= _links.TryRemove((second.LocalPeer, first.LocalPeer), out var backward);
        forward?.Close();
        backward?.Close();
        if (removed)
        {
            first.Disconnected(second.LocalPeer);
            second.Disconnected(first.LocalPeer);
        }
    }

    public bool IsConnected(PeerId from, PeerId to) => _links.ContainsKey((from, to));

    public async Task SendAsync(PeerId from, PeerId to, byte[] frame, CancellationToken cancellationToken)
    {
        if (!_links.TryGetValue((from, to), out var link))
        {
            throw new IOException($"{from} is not connected to {to}.");
        }

        var delivered = Interceptor is { } intercept ? intercept(from, to, frame) : frame;
        if (delivered is null)
        {
            return;
        }

        await link.EnqueueAsync(delivered, from, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var link in _links.Values)
        {
            link.Close();
        }

        await Task.WhenAll(_links.Values.Select(link => link.Completion));
        _links.Clear();
    }

    /// <summary>One direction of a connection: an ordered queue drained into the receiver's handler.</summary>
    private sealed class MemoryLink
    {
        private readonly Channel<(byte[] Frame, PeerId From)> _frames = Channel.CreateBounded<(byte[], PeerId)>(64);
        private readonly CancellationTokenSource _closed = new();

        public MemoryLink(MemoryBitswapHub hub, MemoryBitswapEndpoint receiver)
        {
            Completion = Task.Run(() => PumpAsync(receiver));
        }

        public Task Completion { get; }

        public async Task EnqueueAsync(byte[] frame, PeerId from, CancellationToken cancellationToken)
        {
            try
            {
                await _frames.Writer.WriteAsync((frame, from), cancellationToken);
            }
            catch (ChannelClosedException exception)
            {
                throw new IOException("The connection closed.", exception);
            }
        }

        public void Close()
        {
            _frames.Writer.TryComplete();
            _closed.Cancel();
        }

        private async Task PumpAsync(MemoryBitswapEndpoint receiver)
        {
            try
            {
                await foreach (var (frame, from) in _frames.Reader.ReadAllAsync(_closed.Token))
                {
                    var reader = new BitswapMessageReader(new MemoryStream(frame));
                    using var received = await reader.ReadAsync(_closed.Token);
                    if (received is not null)
                    {
                        await receiver.DeliverAsync(from, received.Message, _closed.Token);
                    }
                }
            }
            catch (OperationCanceledException) when (_closed.IsCancellationRequested)
            {
                // The link was cut: frames still queued are lost, as on a real connection.
            }
        }
    }
}
