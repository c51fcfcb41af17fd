using System.Threading.Channels;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;
using DePinGpu.TestSupport;

namespace DePinGpu.Libp2p.Tests.PubSub.Interop;

/// <summary>A js-libp2p gossipsub peer (<c>tests/interop/gossipsub-peer.mjs</c>) driven over stdin/stdout.</summary>
internal sealed class JsGossipPeer : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ExternalProcess _process;
    private readonly Channel<string> _replies = Channel.CreateUnbounded<string>();
    private readonly Channel<JsMessage> _messages = Channel.CreateUnbounded<JsMessage>();
    private readonly SemaphoreSlim _commandGate = new(1, 1);
    private readonly Task _pump;

    private JsGossipPeer(ExternalProcess process, PeerId peerId, Multiaddr address)
    {
        _process = process;
        PeerId = peerId;
        Address = address;
        _pump = PumpAsync();
    }

    public PeerId PeerId { get; }

    public Multiaddr Address { get; }

    /// <summary>Starts a peer; <paramref name="mode"/> is <c>all</c>, <c>1.1</c> or <c>floodsub</c>.</summary>
    public static async Task<JsGossipPeer> StartAsync(string mode = "all")
    {
        var process = ExternalProcess.StartNodeScript("gossipsub-peer.mjs", mode);
        try
        {
            var peerLine = await process.WaitForLineAsync(line => line.StartsWith("PEERID ", StringComparison.Ordinal), Timeout);
            var listenLine = await process.WaitForLineAsync(line => line.StartsWith("LISTEN ", StringComparison.Ordinal), Timeout);
            return new JsGossipPeer(process, PeerId.Parse(peerLine["PEERID ".Length..]), Multiaddr.Parse(listenLine["LISTEN ".Length..]));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async Task<string> CommandAsync(string command)
    {
        await _commandGate.WaitAsync();
        try
        {
            await _process.WriteLineAsync(command);
            var reply = await _replies.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
            var name = command.Split(' ')[0];
            return reply.StartsWith($"OK {name}", StringComparison.Ordinal)
                ? reply[$"OK {name}".Length..].Trim()
                : throw new InvalidOperationException($"js peer answered '{reply}' to '{command}'. stderr:\n{_process.ErrorTail}");
        }
        finally
        {
            _commandGate.Release();
        }
    }

    public Task SubscribeAsync(string topic) => CommandAsync($"subscribe {topic}");

    public Task DialAsync(Multiaddr address) => CommandAsync($"dial {address}");

    public async Task PublishAsync(string topic, byte[] data) => await CommandAsync($"publish {topic} {Convert.ToHexStringLower(data)}");

    public async Task<IReadOnlyList<string>> MeshAsync(string topic) =>
        (await CommandAsync($"mesh {topic}")).Split(',', StringSplitOptions.RemoveEmptyEntries);

    public async Task<JsMessage> NextMessageAsync(TimeSpan? timeout = null) =>
        await _messages.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? Timeout);

    public bool TryTakeMessage(out JsMessage message) => _messages.Reader.TryRead(out message!);

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await _pump;
        _commandGate.Dispose();
    }

    private async Task PumpAsync()
    {
        try
        {
            while (true)
            {
                var line = await _process.ReadLineAsync(TimeSpan.FromHours(1));
                if (line.StartsWith("MSG ", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ');
                    _messages.Writer.TryWrite(new JsMessage(parts[1], parts[2], parts[3], Convert.FromHexString(parts[4]), parts[5]));
                }
                else if (line.StartsWith("OK ", StringComparison.Ordinal) || line.StartsWith("ERR ", StringComparison.Ordinal))
                {
                    _replies.Writer.TryWrite(line);
                }
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or ObjectDisposedException)
        {
            // The process ended (disposal or crash): pending commands time out with the stderr tail.
            _replies.Writer.TryComplete();
            _messages.Writer.TryComplete();
        }
    }
}

/// <summary>A message a js peer received: topic, author, seqno (hex), data and the forwarding peer.</summary>
internal sealed record JsMessage(string Topic, string From, string SequenceNumberHex, byte[] Data, string ReceivedFrom);
