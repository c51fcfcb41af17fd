using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>The outcome of a DAG fetch.</summary>
/// <param name="Outcome">Completed, or why not.</param>
/// <param name="Root">The DAG's root.</param>
/// <param name="Progress">Final counters.</param>
/// <param name="Duration">Time from start to end.</param>
/// <param name="Pinned">True when the root was pinned (recursively) after completion.</param>
/// <param name="MissingBlocks">Up to 16 blocks that could not be obtained (for <see cref="FetchOutcome.Unavailable"/>).</param>
/// <param name="DroppedPeers">Peers the fetch stopped asking, with the reason.</param>
/// <param name="Error">What went wrong, in a sentence, when the fetch did not complete.</param>
public sealed record FetchResult(
    FetchOutcome Outcome,
    Cid Root,
    FetchProgress Progress,
    TimeSpan Duration,
    bool Pinned,
    IReadOnlyList<Cid> MissingBlocks,
    IReadOnlyList<DroppedPeer> DroppedPeers,
    string? Error)
{
    /// <summary>True when every block is stored.</summary>
    public bool IsComplete => Outcome == FetchOutcome.Completed;
}
