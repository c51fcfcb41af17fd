using System.Text.Json;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.TestSupport;

namespace DePinGpu.Ipfs.Tests.Bitswap.Interop;

/// <summary>Drives <c>tests/interop/helia-bitswap-peer.mjs</c>: a light Helia node with Bitswap on loopback.</summary>
internal sealed class HeliaBitswapPeer : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);
    private readonly ExternalProcess _process;

    private HeliaBitswapPeer(ExternalProcess process, string peerId, Multiaddr address)
    {
        _process = process;
        PeerId = peerId;
        Address = address;
    }

    public string PeerId { get; }

    public Multiaddr Address { get; }

    public static async Task<HeliaBitswapPeer> StartAsync()
    {
        var process = ExternalProcess.StartNodeScript("helia-bitswap-peer.mjs");
        try
        {
            var ready = JsonDocument.Parse(await process.WaitForLineAsync(line => line.Contains("\"ready\"", StringComparison.Ordinal), TimeSpan.FromSeconds(60)));
            var address = ready.RootElement.GetProperty("addrs")[0].GetString()!;
            return new HeliaBitswapPeer(process, ready.RootElement.GetProperty("peerId").GetString()!, Multiaddr.Parse(address));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async Task DialAsync(Multiaddr address) => await CommandAsync($"dial {address}");

    public async Task<string> AddAsync(string path) => (await CommandAsync($"add {path}")).GetProperty("cid").GetString()!;

    public async Task<(long Length, string Sha256)> CatAsync(string cid)
    {
        var file = await CommandAsync($"cat {cid}");
        return (file.GetProperty("length").GetInt64(), file.GetProperty("sha256").GetString()!);
    }

    public async Task<IReadOnlyList<JsonElement>> ListAsync(string cid) =>
        [.. (await CommandAsync($"ls {cid}")).GetProperty("entries").EnumerateArray()];

    public async Task<bool> HasAsync(string cid) => (await CommandAsync($"has {cid}")).GetProperty("has").GetBoolean();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task<JsonElement> CommandAsync(string command)
    {
        await _process.WriteLineAsync(command);
        var line = await _process.ReadLineAsync(CommandTimeout);
        var answer = JsonDocument.Parse(line).RootElement;
        return answer.GetProperty("event").GetString() == "error"
            ? throw new InvalidOperationException($"Helia failed '{command}': {answer.GetProperty("message").GetString()}\n{_process.ErrorTail}")
            : answer;
    }
}
