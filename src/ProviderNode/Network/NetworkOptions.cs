using DePinGpu.Libp2p.Addressing;
using DePinGpu.Protocol.Validation;

namespace DePinGpu.ProviderNode.Network;

/// <summary>
/// The node's libp2p network (configuration section <c>Network</c>): where it listens, whom it dials first, whether it
/// looks for peers on the LAN, and how often it dials the registered providers it is not connected to.
/// </summary>
public sealed record NetworkOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Network";

    /// <summary>Where the node listens when <see cref="ListenAddresses"/> is empty: loopback only, a free port.</summary>
    public const string DefaultListenAddress = "/ip4/127.0.0.1/tcp/0";

    /// <summary>
    /// Listen multiaddrs (<c>/ip4/…/tcp/…</c>; port 0 picks a free port). Empty: <see cref="DefaultListenAddress"/>,
    /// which only this machine reaches; a provider sets a reachable address (and the same in <c>Node:Multiaddrs</c>,
    /// which <c>register</c> publishes).
    /// </summary>
    public IReadOnlyList<string> ListenAddresses { get; init; } = [];

    /// <summary>Bootstrap peers, each a multiaddr ending in <c>/p2p/&lt;peer id&gt;</c>, kept connected.</summary>
    public IReadOnlyList<string> BootstrapPeers { get; init; } = [];

    /// <summary>Find peers on the local network by mDNS (off by default).</summary>
    public bool Mdns { get; init; }

    /// <summary>Dial the registered providers found in the registry's metadata (on by default).</summary>
    public bool DiscoverRegisteredProviders { get; init; } = true;

    /// <summary>
    /// Trustless gateways (http(s) base URLs, e.g. a known node's API <c>http://host:7101/</c>) asked for a provider's
    /// metadata block when no connected peer has it by Bitswap; every block is still verified against its CID.
    /// </summary>
    public IReadOnlyList<string> MetadataGateways { get; init; } = [];

    /// <summary>How often the registered providers the node is not connected to are looked up and dialled.</summary>
    public TimeSpan RegistryDiscoveryInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one provider's metadata fetch or one dial may take.</summary>
    public TimeSpan DiscoveryTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The parsed listen addresses (valid options only).</summary>
    public IReadOnlyList<Multiaddr> ParsedListenAddresses =>
        ListenAddresses.Count == 0 ? [Multiaddr.Parse(DefaultListenAddress)] : [.. ListenAddresses.Select(Multiaddr.Parse)];

    /// <summary>The parsed metadata gateways (valid options only).</summary>
    public IReadOnlyList<Uri> ParsedMetadataGateways => [.. MetadataGateways.Select(gateway => new Uri(gateway, UriKind.Absolute))];

    /// <summary>The parsed bootstrap peers (valid options only).</summary>
    public IReadOnlyList<Multiaddr> ParsedBootstrapPeers => [.. BootstrapPeers.Select(Multiaddr.Parse)];

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        for (var index = 0; index < ListenAddresses.Count; index++)
        {
            if (Check(ListenAddresses[index]) is { } problem)
            {
                problems.Add($"ListenAddresses:{index} '{ListenAddresses[index]}' {problem}");
            }
            else if (!Multiaddr.Parse(ListenAddresses[index]).TryGetTcpTarget(out _, out _))
            {
                problems.Add($"ListenAddresses:{index} '{ListenAddresses[index]}' is not a TCP address (/ip4/…/tcp/… or /ip6/…/tcp/…).");
            }
        }

        for (var index = 0; index < BootstrapPeers.Count; index++)
        {
            if (Check(BootstrapPeers[index]) is { } problem)
            {
                problems.Add($"BootstrapPeers:{index} '{BootstrapPeers[index]}' {problem}");
            }
            else if (Multiaddr.Parse(BootstrapPeers[index]).PeerId is null)
            {
                problems.Add($"BootstrapPeers:{index} '{BootstrapPeers[index]}' must end in /p2p/<peer id>.");
            }
        }

        for (var index = 0; index < MetadataGateways.Count; index++)
        {
            if (!Uri.TryCreate(MetadataGateways[index], UriKind.Absolute, out var gateway) || gateway.Scheme is not ("http" or "https"))
            {
                problems.Add($"MetadataGateways:{index} '{MetadataGateways[index]}' must be an absolute http(s) URL.");
            }
        }

        if (RegistryDiscoveryInterval < TimeSpan.FromSeconds(1) || RegistryDiscoveryInterval > TimeSpan.FromHours(1))
        {
            problems.Add($"RegistryDiscoveryInterval must be between 00:00:01 and 01:00:00 (is {RegistryDiscoveryInterval}).");
        }

        if (DiscoveryTimeout < TimeSpan.FromMilliseconds(100) || DiscoveryTimeout > TimeSpan.FromMinutes(1))
        {
            problems.Add($"DiscoveryTimeout must be between 00:00:00.1 and 00:01:00 (is {DiscoveryTimeout}).");
        }

        return problems;
    }

    private static string? Check(string text) =>
        Multiaddr.TryParse(text, out _) ? null : "is not a multiaddr.";
}
