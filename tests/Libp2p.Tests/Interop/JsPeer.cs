using System.Text.Json;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;
using DePinGpu.TestSupport;

namespace DePinGpu.Libp2p.Tests.Interop;

/// <summary>Drives <c>tests/interop/libp2p-peer.mjs</c>, a real js-libp2p 3.x node, over its stdin/stdout.</summary>
internal sealed class JsPeer : IAsyncDisposable
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(240);

    private readonly ExternalProcess _process;

    private JsPeer(ExternalProcess process, PeerId peerId, Multiaddr address, IReadOnlyList<string> protocols)
    {
        _process = process;
        PeerId = peerId;
        Address = address;
        Protocols = protocols;
    }

    public PeerId PeerId { get; }

    /// <summary>The listen address, including <c>/p2p/</c>.</summary>
    public Multiaddr Address { get; }

    public IReadOnlyList<string> Protocols { get; }

    public static async Task<JsPeer> StartAsync(string keyType)
    {
        var process = ExternalProcess.StartNodeScript("libp2p-peer.mjs", "--key", keyType);
        try
        {
            var ready = JsonDocument.Parse(await process.WaitForLineAsync(line => line.Contains("\"ready\"", StringComparison.Ordinal), TimeSpan.FromSeconds(60))).RootElement;
            var protocols = ready.GetProperty("protocols").EnumerateArray().Select(item => item.GetString()!).ToList();
            return new JsPeer(
                process,
                PeerId.Parse(ready.GetProperty("peerId").GetString()!),
                Multiaddr.Parse(ready.GetProperty("addrs")[0].GetString()!),
                protocols);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs one command and returns its answer; an error answer fails the test with js's message.</summary>
    public async Task<JsonElement> RunAsync(string command)
    {
        await _process.WriteLineAsync(command);
        var line = await _process.WaitForLineAsync(candidate => !candidate.Contains("\"identified\"", StringComparison.Ordinal), CommandTimeout);
        var answer = JsonDocument.Parse(line).RootElement;
        if (answer.GetProperty("event").GetString() == "error")
        {
            throw new InvalidOperationException($"js peer failed '{command}': {answer.GetProperty("message").GetString()}\n{_process.ErrorTail}");
        }

        return answer;
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}
