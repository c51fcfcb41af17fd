using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>Scripting a fetch against hand-driven probe peers: small DAGs, waiting for a given want, answering.</summary>
internal static class SessionProbes
{
    /// <summary>
    /// Only the explicit peers, in the given order, and timeouts far beyond any test so that only the messages a test
    /// sends move the fetch (no stall, want timeout, retry or no-progress deadline fires on its own).
    /// </summary>
    public static FetchOptions Scripted(params ProbePeer[] peers) => new()
    {
        Peers = [.. peers.Select(peer => peer.Id)],
        UseConnectedPeers = false,
        PinRoot = false,
        WantTimeout = TimeSpan.FromMinutes(5),
        PeerStallTimeout = TimeSpan.FromMinutes(5),
        RetryInterval = TimeSpan.FromMinutes(5),
        NoProgressTimeout = TimeSpan.FromMinutes(5),
        ProgressInterval = TimeSpan.Zero,
    };

    public static Block Raw(int seed, int length = 1000) => Block.Create(MulticodecCode.Raw, TestData.Random(length, seed));

    /// <summary>A dag-pb root linking <paramref name="leaves"/> in order.</summary>
    public static Block Node(params Block[] leaves) => NodeLinking([.. leaves.Select(leaf => leaf.Cid)]);

    /// <summary>A dag-pb root linking <paramref name="links"/> in order (each given as 1000 bytes).</summary>
    public static Block NodeLinking(params Cid[] links) =>
        Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode([.. links.Select(link => new PbLink(link, "", 1000))], TestData.Hex("0801"))));

    public static async Task SendBlocksAsync(this ProbePeer probe, PeerId to, params Block[] blocks) =>
        await probe.SendAsync(to, new BitswapMessage { Blocks = [.. blocks.Select(block => new BitswapBlock(CidPrefix.Of(block.Cid), block.Data))] });

    public static async Task SendPresenceAsync(this ProbePeer probe, PeerId to, Cid cid, BlockPresenceType type) =>
        await probe.SendAsync(to, new BitswapMessage { BlockPresences = [new BlockPresence(cid, type)] });

    /// <summary>
    /// Waits until the fetcher has handled everything <paramref name="probe"/> sent before: a link delivers in order and
    /// the node handles one message at a time, so the fetcher's DONT_HAVE for an unknown block comes after that.
    /// Returns the wants that arrived meanwhile.
    /// </summary>
    public static async Task<List<WantlistEntry>> BarrierAsync(this ProbePeer probe, PeerId fetcher)
    {
        var unknown = Raw(seed: 9999, length: 10).Cid;
        await probe.SendAsync(fetcher, WantlistEntry.WantHave(unknown));
        var wants = new List<WantlistEntry>();
        while (true)
        {
            var message = await probe.NextAsync();
            wants.AddRange(message.Wants);
            if (message.Presences.Any(presence => presence.Cid.Equals(unknown)))
            {
                return wants;
            }
        }
    }

    /// <summary>Reads messages until a want entry matching <paramref name="match"/> arrives (10 s per message).</summary>
    public static async Task<WantlistEntry> NextWantAsync(this ProbePeer probe, Func<WantlistEntry, bool> match)
    {
        while (true)
        {
            var message = await probe.NextAsync();
            if (message.Wants.FirstOrDefault(match) is { } entry)
            {
                return entry;
            }
        }
    }

    public static Task<WantlistEntry> NextWantBlockAsync(this ProbePeer probe) =>
        probe.NextWantAsync(want => !want.Cancel && want.WantType == WantType.Block);

    public static Task<WantlistEntry> NextCancelAsync(this ProbePeer probe, Cid cid) =>
        probe.NextWantAsync(want => want.Cancel && want.Cid.Equals(cid));

    /// <summary>Reads messages until <paramref name="count"/> want-blocks arrived (10 s per message).</summary>
    public static async Task<List<Cid>> CollectWantBlocksAsync(this ProbePeer probe, int count)
    {
        var cids = new List<Cid>();
        while (cids.Count < count)
        {
            var message = await probe.NextAsync();
            cids.AddRange(message.Wants.Where(want => !want.Cancel && want.WantType == WantType.Block).Select(want => want.Cid));
        }

        return cids;
    }

    /// <summary>Answers every want-block with the block until <paramref name="stop"/> (in the background).</summary>
    public static Task ServeAsync(this ProbePeer probe, PeerId fetcher, IReadOnlyList<Block> blocks, CancellationToken stop) => Task.Run(async () =>
    {
        var byCid = blocks.ToDictionary(block => block.Cid);
        try
        {
            while (true)
            {
                var message = await probe.NextAsync(TimeSpan.FromMinutes(5)).WaitAsync(stop);
                var asked = message.Wants.Where(want => !want.Cancel && want.WantType == WantType.Block && byCid.ContainsKey(want.Cid));
                var answer = asked.Select(want => byCid[want.Cid]).ToArray();
                if (answer.Length > 0)
                {
                    await probe.SendBlocksAsync(fetcher, answer);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The fetch is over.
        }
    });
}
