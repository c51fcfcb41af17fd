using System.Collections.Concurrent;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Network;
using DePinGpu.Libp2p.Tests.Support;

namespace DePinGpu.Libp2p.Tests.PubSub.Network;

/// <summary>
/// The in-memory pubsub host behaves like a real one where the service depends on it: closing a connection resets its
/// streams (a stream of the old connection handed over late would otherwise stay readable and could take the place
/// of the live one after a reconnect).
/// </summary>
public sealed class MemoryPubSubHostTests
{
    private const string Protocol = "/meshsub/1.1.0";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Disconnect_ResetsTheStreamsOfThatConnection_AtBothEnds()
    {
        var (a, b) = CreatePair();
        var accepted = new TaskCompletionSource<PubSubStream>(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource();
        b.SetStreamHandler(Protocol, async (stream, _) =>
        {
            accepted.TrySetResult(stream);
            await held.Task;
        });
        MemoryPubSubHost.Connect(a, b);
        var opened = await a.OpenStreamAsync(b.LocalPeer, [Protocol], CancellationToken.None);
        var inbound = await accepted.Task.WaitAsync(Patience);

        MemoryPubSubHost.Disconnect(a, b);

        await Assert.ThrowsAsync<IOException>(() => inbound.Stream.ReadAsync(new byte[1]).AsTask().WaitAsync(Patience));
        await Assert.ThrowsAsync<IOException>(() => opened.Stream.ReadAsync(new byte[1]).AsTask().WaitAsync(Patience));
        await Assert.ThrowsAsync<IOException>(() => opened.Stream.WriteAsync(new byte[1]).AsTask());
        held.SetResult();
    }

    private static (MemoryPubSubHost A, MemoryPubSubHost B) CreatePair()
    {
        var directory = new ConcurrentDictionary<PeerId, MemoryPubSubHost>();
        var a = new MemoryPubSubHost(TestKeys.FromIndex(0).PeerId, directory);
        var b = new MemoryPubSubHost(TestKeys.FromIndex(1).PeerId, directory);
        directory[a.LocalPeer] = a;
        directory[b.LocalPeer] = b;
        return (a, b);
    }
}
