using System.Diagnostics.Metrics;

namespace DePinGpu.Libp2p.Diagnostics;

/// <summary>
/// Creates the meters of the libraries: one instance per node part, named after the library and tagged with the node's
/// peer id, so several nodes in one process (tests, benchmarks, a provider with a verifier) report side by side.
/// </summary>
public static class PeerMeter
{
    /// <summary>The meter tag carrying the node's peer id.</summary>
    public const string PeerIdTag = "libp2p.peer_id";

    /// <summary>A new meter <paramref name="name"/> tagged with <paramref name="peerId"/>; the caller disposes it.</summary>
    public static Meter Create(string name, string peerId) =>
        new(name, version: null, tags: [new KeyValuePair<string, object?>(PeerIdTag, peerId)]);
}
