using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Tests.Hosting;

/// <summary>Helpers to run real hosts on loopback TCP.</summary>
internal static class HostPair
{
    public const string EchoProtocol = "/depingpu/echo/1.0.0";

    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    public static async Task<(Libp2pHost Host, Multiaddr Address)> StartAsync(
        PrivateKey? key = null,
        Libp2pHostOptions? options = null,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        var host = new Libp2pHost(key ?? Ed25519PrivateKey.Generate(), options, loggerFactory);
        host.SetStreamHandler(EchoProtocol, EchoAsync);
        var address = await host.ListenAsync(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"));
        return (host, address.WithPeerId(host.LocalPeerId));
    }

    /// <summary>Copies everything back until the remote half-closes, then half-closes.</summary>
    public static async Task EchoAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        await stream.CopyToAsync(stream, 64 * 1024, cancellationToken);
        await stream.CloseWriteAsync(cancellationToken);
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TestTimeout);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(20);
        }
    }

    /// <summary>Sends <paramref name="data"/> through an echo stream and returns what came back.</summary>
    public static async Task<byte[]> EchoRoundTripAsync(Libp2pStream stream, byte[] data)
    {
        var reading = Task.Run(async () =>
        {
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            return memory.ToArray();
        });
        await stream.WriteAsync(data);
        await stream.CloseWriteAsync();
        return await reading.WaitAsync(TestTimeout);
    }
}
