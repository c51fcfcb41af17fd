using System.Security.Cryptography;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PeerRecords;
using DePinGpu.Libp2p.Tests.Hosting;
using Xunit.Abstractions;

namespace DePinGpu.Libp2p.Tests.Interop;

/// <summary>The C# host against a real js-libp2p 3.x node (npm packages, Node 22), in both dial directions.</summary>
public sealed class JsInteropTests(ITestOutputHelper output)
{
    private const int LargeTransfer = 64 * 1024 * 1024;

    [Theory]
    [InlineData("ed25519", "ed25519", true)]
    [InlineData("secp256k1", "ed25519", false)]
    [InlineData("ed25519", "secp256k1", true)]
    [InlineData("secp256k1", "secp256k1", false)]
    public async Task CSharpAndJs_IdentifyPingEchoAndConcurrentStreams(string csharpKey, string jsKey, bool csharpDials)
    {
        await using var js = await JsPeer.StartAsync(jsKey);
        PrivateKey key = csharpKey == "secp256k1" ? Secp256k1PrivateKey.Generate() : Ed25519PrivateKey.Generate();
        var logs = new Support.CapturingLoggerFactory();
        var (host, address) = await HostPair.StartAsync(key, loggerFactory: logs);
        await using var _ = host;
        using var report = new LogReport(logs, output);

        if (csharpDials)
        {
            var connection = await host.DialAsync(js.Address);
            Assert.Equal(js.PeerId, connection.RemotePeer);
        }
        else
        {
            var dialed = await js.RunAsync($"dial {address}");
            Assert.Equal(host.LocalPeerId.ToString(), dialed.GetProperty("peerId").GetString());
        }

        await AssertIdentifiedBothWaysAsync(host, address, js);
        Assert.True(await host.PingAsync(js.PeerId) < TimeSpan.FromSeconds(10));
        Assert.True((await js.RunAsync($"ping {host.LocalPeerId}")).GetProperty("rtt").GetDouble() >= 0);

        await AssertCSharpEchoesThroughJsAsync(host, js.PeerId, LargeTransfer, streams: 1);
        Assert.True((await js.RunAsync($"echo {host.LocalPeerId} {LargeTransfer} 1")).GetProperty("ok").GetBoolean());

        await AssertCSharpEchoesThroughJsAsync(host, js.PeerId, 20_000, streams: 100);
        Assert.True((await js.RunAsync($"echo {host.LocalPeerId} 20000 100")).GetProperty("ok").GetBoolean());
        Assert.Single(host.GetConnections(js.PeerId));
    }

    [Fact]
    public async Task NewHandler_IsPushedToJsThroughIdentifyPush()
    {
        await using var js = await JsPeer.StartAsync("ed25519");
        var (host, address) = await HostPair.StartAsync();
        await using var _ = host;
        await host.DialAsync(js.Address);
        await HostPair.WaitUntilAsync(() => host.PeerStore.Get(js.PeerId)?.IsIdentified == true);

        host.SetStreamHandler("/depingpu/late/1.0.0", HostPair.EchoAsync);
        await WaitForJsAsync(js, host.LocalPeerId, peer => peer.Protocols.Contains("/depingpu/late/1.0.0"));

        await js.RunAsync("handle /depingpu/js-late/1.0.0");
        await HostPair.WaitUntilAsync(() => host.PeerStore.Get(js.PeerId)!.Supports("/depingpu/js-late/1.0.0"));
    }

    [Fact]
    public async Task JsDialsWrongPeerId_IsRejectedByJs()
    {
        await using var js = await JsPeer.StartAsync("ed25519");
        var (host, address) = await HostPair.StartAsync();
        await using var _ = host;

        var impostor = address.WithPeerId(Ed25519PrivateKey.Generate().PeerId);
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => js.RunAsync($"dial {impostor}"));
        Assert.Contains("dial", exception.Message, StringComparison.Ordinal);
        await HostPair.WaitUntilAsync(() => host.ConnectionCount == 0);
    }

    private static async Task AssertIdentifiedBothWaysAsync(Libp2pHost host, Multiaddr address, JsPeer js)
    {
        await HostPair.WaitUntilAsync(() => host.PeerStore.Get(js.PeerId)?.IsIdentified == true);
        var jsInfo = host.PeerStore.Get(js.PeerId)!;
        foreach (var protocol in js.Protocols)
        {
            Assert.Contains(protocol, jsInfo.Protocols);
        }

        Assert.Contains(js.Address.WithoutPeerId(), jsInfo.ListenAddresses);
        Assert.StartsWith("js-libp2p/", jsInfo.AgentVersion, StringComparison.Ordinal);
        Assert.True(SignedPeerRecord.TryParse(jsInfo.SignedPeerRecord, out var jsRecord, out var error), $"js's signed peer record: {error}");
        Assert.Equal(js.PeerId, jsRecord!.PeerId);
        Assert.Contains(js.Address.WithoutPeerId(), jsRecord.Addresses);

        // js keeps a record only after verifying its envelope signature and that it is the connection's peer's own
        var csharpInfo = await WaitForJsAsync(js, host.LocalPeerId, peer => peer.Protocols.Contains(HostPair.EchoProtocol) && peer.SignedRecord);
        Assert.Contains(IdentifyService.ProtocolId, csharpInfo.Protocols);
        Assert.Contains(PingService.ProtocolId, csharpInfo.Protocols);
        Assert.Contains(address.WithoutPeerId().ToString(), csharpInfo.Addresses);
        Assert.Equal(host.Options.AgentVersion, csharpInfo.Agent);
    }

    private static async Task<(List<string> Protocols, List<string> Addresses, string? Agent, bool SignedRecord)> WaitForJsAsync(
        JsPeer js,
        PeerId peer,
        Func<(List<string> Protocols, List<string> Addresses, string? Agent, bool SignedRecord), bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var answer = await js.RunAsync($"peer {peer}");
            var info = (
                answer.GetProperty("protocols").EnumerateArray().Select(item => item.GetString()!).ToList(),
                answer.GetProperty("addrs").EnumerateArray().Select(item => item.GetString()!).ToList(),
                answer.GetProperty("agent").GetString(),
                answer.GetProperty("signedRecord").GetBoolean());
            if (condition(info))
            {
                return info;
            }

            Assert.True(DateTime.UtcNow < deadline, $"js never saw the expected identify data: {string.Join(", ", info.Item1)}");
            await Task.Delay(100);
        }
    }

    private static async Task AssertCSharpEchoesThroughJsAsync(Libp2pHost host, PeerId peer, int length, int streams)
    {
        var tasks = Enumerable.Range(0, streams).Select(async index =>
        {
            var data = RandomNumberGenerator.GetBytes(length);
            await using var stream = await host.OpenStreamAsync(peer, [HostPair.EchoProtocol]);
            var echoed = await HostPair.EchoRoundTripAsync(stream, data);
            Assert.True(data.AsSpan().SequenceEqual(echoed), $"stream {index}: {echoed.Length} of {length} bytes came back, content differs");
        });
        await Task.WhenAll(tasks).WaitAsync(JsPeer.CommandTimeout);
    }

    /// <summary>Writes the host's warnings to the test output when the test ends, to explain a failure.</summary>
    private sealed class LogReport(Support.CapturingLoggerFactory logs, ITestOutputHelper output) : IDisposable
    {
        public void Dispose()
        {
            foreach (var entry in logs.Entries.Where(entry => entry.Level >= Microsoft.Extensions.Logging.LogLevel.Warning))
            {
                output.WriteLine($"{entry.Level} {entry.EventId}: {entry.Message}");
            }
        }
    }
}
