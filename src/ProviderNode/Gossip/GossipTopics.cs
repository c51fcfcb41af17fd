using System.Globalization;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>The topic names of one deployment: <c>depingpu/1/&lt;chainId&gt;/&lt;market address&gt;/&lt;name&gt;</c> (docs/design.md §5).</summary>
/// <param name="ChainId">The chain id.</param>
/// <param name="Market">The market contract's address (written lower-case).</param>
public sealed record GossipTopics(ulong ChainId, string Market)
{
    /// <summary>Every topic kind.</summary>
    public static IReadOnlyList<GossipTopicKind> Kinds { get; } = [GossipTopicKind.Heartbeats, GossipTopicKind.Checkpoints, GossipTopicKind.Capacity];

    /// <summary>The name of <paramref name="kind"/>'s topic.</summary>
    public string Name(GossipTopicKind kind) => string.Create(CultureInfo.InvariantCulture, $"depingpu/1/{ChainId}/{Market.ToLowerInvariant()}/{Suffix(kind)}");

    private static string Suffix(GossipTopicKind kind) => kind switch
    {
        GossipTopicKind.Heartbeats => "heartbeats",
        GossipTopicKind.Checkpoints => "checkpoints",
        GossipTopicKind.Capacity => "capacity",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a gossip topic."),
    };
}
