using System.Threading.Channels;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Support;

/// <summary>A hand-driven Bitswap peer: sends messages written by the test and records every message it receives.</summary>
internal sealed class ProbePeer
{
    private readonly Channel<ProbeMessage> _received = Channel.CreateUnbounded<ProbeMessage>();

    // Entries of a message read by WantsUntilAsync that came after the one it was waiting for.
    private readonly Queue<WantlistEntry> _unread = new();

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

    /// <summary>Sends the block <paramref name="cid"/> of <paramref name="dag"/> to <paramref name="to"/>, as if answering its want-block.</summary>
    public async Task ServeAsync(PeerId to, SmallDag dag, Cid cid)
    {
        var data = await dag.DataOfAsync(cid);
        await SendAsync(to, new BitswapMessage { Blocks = [new BitswapBlock(CidPrefix.Of(cid), data)] });
    }

    /// <summary>Sends one block presence (HAVE or DONT_HAVE) for <paramref name="cid"/>.</summary>
    public async Task SayAsync(PeerId to, Cid cid, BlockPresenceType type) =>
        await SendAsync(to, new BitswapMessage { BlockPresences = [new BlockPresence(cid, type)] });

    /// <summary>
    /// Reads messages until a wantlist entry matches <paramref name="until"/>; returns every entry received up to and
    /// including it, in arrival order; entries after it in the same message are kept for the next call. Throws when no
    /// message arrives within <paramref name="timeout"/>.
    /// </summary>
    public async Task<List<WantlistEntry>> WantsUntilAsync(Func<WantlistEntry, bool> until, TimeSpan? timeout = null)
    {
        var entries = new List<WantlistEntry>();
        while (true)
        {
            if (_unread.Count == 0)
            {
                foreach (var entry in (await NextAsync(timeout)).Wants)
                {
                    _unread.Enqueue(entry);
                }
            }

            while (_unread.TryDequeue(out var entry))
            {
                entries.Add(entry);
                if (until(entry))
                {
                    return entries;
                }
            }
        }
    }

    /// <summary>
    /// Returns once <paramref name="to"/> has handled every message this probe sent before: it asks the peer's server
    /// for a block nobody has and waits for the DONT_HAVE (one link delivers messages in order, one at a time). Wants
    /// received meanwhile are kept for <see cref="WantsUntilAsync"/>.
    /// </summary>
    public async Task PingAsync(PeerId to)
    {
        var ping = Ipfs.Blocks.Block.Create(MulticodecCode.Raw, Guid.NewGuid().ToByteArray()).Cid;
        await SendAsync(to, WantlistEntry.WantHave(ping));
        while (true)
        {
            var message = await NextAsync();
            foreach (var entry in message.Wants)
            {
                _unread.Enqueue(entry);
            }

            if (message.Presences.Any(presence => presence.Cid.Equals(ping)))
            {
                return;
            }
        }
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
