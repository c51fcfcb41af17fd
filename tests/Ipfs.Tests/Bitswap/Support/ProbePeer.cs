using System.Threading.Channels;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Support;

/// <summary>A hand-driven Bitswap peer: sends messages written by the test and records every message it receives.</summary>
internal sealed class ProbePeer
{
    private readonly Channel<ProbeMessage> _received = Channel.CreateUnbounded<ProbeMessage>();

    public ProbePeer(MemoryBitswapHub hub)
    {
        Endpoint = hub.Join();
        Endpoint.SetMessageHandler((peer, message, _) =>
        {
            _received.Writer.TryWrite(new ProbeMessage(
                peer,
                [.. message.Blocks.Select(block => (block.Prefix.ToBlock(block.Data.ToArray()).Cid, block.Data.ToArray()))],
                [.. message.BlockPresences],
                message.Wantlist?.Entries ?? []));
            return Task.CompletedTask;
        });
    }

    public MemoryBitswapEndpoint Endpoint { get; }

    public PeerId Id => Endpoint.LocalPeer;

    public async Task SendAsync(PeerId to, params WantlistEntry[] entries) =>
        await SendAsync(to, new BitswapMessage { Wantlist = new BitswapWantlist(entries, Full: false) });

    public async Task SendAsync(PeerId to, BitswapMessage message)
    {
        using var encoded = EncodedMessage.Create(message);
        await Endpoint.SendAsync(to, encoded, CancellationToken.None);
    }

    public async Task<ProbeMessage> NextAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _received.Reader.ReadAsync(cancellation.Token);
    }

    /// <summary>Reads messages until <paramref name="blocks"/> blocks and <paramref name="presences"/> presences arrived.</summary>
    public async Task<List<ProbeMessage>> CollectAsync(int blocks, int presences, TimeSpan? timeout = null)
    {
        var messages = new List<ProbeMessage>();
        while (messages.Sum(message => message.Blocks.Count) < blocks || messages.Sum(message => message.Presences.Count) < presences)
        {
            messages.Add(await NextAsync(timeout));
        }

        return messages;
    }

    /// <summary>True when nothing arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> IsQuietAsync(TimeSpan quiet)
    {
        using var cancellation = new CancellationTokenSource(quiet);
        try
        {
            await _received.Reader.WaitToReadAsync(cancellation.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }
}

/// <summary>One message a probe received, with block bytes copied out of the pooled buffer.</summary>
internal sealed record ProbeMessage(PeerId From, IReadOnlyList<(Cid Cid, byte[] Data)> Blocks, IReadOnlyList<BlockPresence> Presences, IReadOnlyList<WantlistEntry> Wants);
