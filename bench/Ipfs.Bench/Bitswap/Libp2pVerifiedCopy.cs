using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Ipfs.Bench.Bitswap;

/// <summary>
/// The transport's share, for reading the result: the same bytes over one libp2p stream (TCP + Noise + Yamux on
/// loopback, our host) with the same per-block SHA-256 check as the TCP baseline, but no Bitswap and no store.
/// </summary>
internal sealed class Libp2pVerifiedCopy : IAsyncDisposable
{
    private const string Protocol = "/depingpu/bench/copy/1.0.0";
    private readonly byte[] _content;
    private readonly IReadOnlyList<byte[]> _digests;
    private readonly Libp2pHost _sender = new(Ed25519PrivateKey.Generate());
    private readonly Libp2pHost _receiver = new(Ed25519PrivateKey.Generate());
    private TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Libp2pVerifiedCopy(byte[] content, IReadOnlyList<byte[]> digests)
    {
        _content = content;
        _digests = digests;
    }

    public static async Task<Libp2pVerifiedCopy> StartAsync(byte[] content, IReadOnlyList<byte[]> digests)
    {
        var copy = new Libp2pVerifiedCopy(content, digests);
        copy._receiver.SetStreamHandler(Protocol, copy.ReceiveAsync);
        var address = await copy._receiver.ListenAsync(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"));
        await copy._sender.DialAsync(address.WithPeerId(copy._receiver.LocalPeerId));
        return copy;
    }

    public async Task RunAsync()
    {
        _received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var stream = await _sender.OpenStreamAsync(_receiver.LocalPeerId, [Protocol]);
        for (var offset = 0; offset < _content.Length; offset += TcpVerifiedCopy.BlockSize)
        {
            await stream.WriteAsync(_content.AsMemory(offset, Math.Min(TcpVerifiedCopy.BlockSize, _content.Length - offset)));
        }

        await stream.CloseWriteAsync();
        await _received.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _sender.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private async Task ReceiveAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        try
        {
            await TcpVerifiedCopy.ReceiveVerifiedAsync(stream, _content.Length, _digests);
            _received.TrySetResult();
        }
        catch (Exception exception)
        {
            _received.TrySetException(exception);
        }
    }
}
