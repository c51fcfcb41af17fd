using DePinGpu.Libp2p.Configuration;

namespace DePinGpu.Libp2p.Discovery;

/// <summary>Checks <see cref="PeerDiscoveryOptions"/>; every problem names its configuration key.</summary>
public sealed class PeerDiscoveryOptionsValidator(string section) : SectionValidator<PeerDiscoveryOptions>(section)
{
    /// <inheritdoc />
    protected override void Check(PeerDiscoveryOptions options, ConfigurationProblems problems)
    {
        for (var index = 0; index < options.BootstrapPeers.Count; index++)
        {
            var address = options.BootstrapPeers[index];
            problems.Require(address?.PeerId is not null, $"{nameof(options.BootstrapPeers)}:{index}", $"'{address}' does not end in /p2p/<peer id>.");
        }

        var bootstrap = options.Bootstrap;
        const string BootstrapKey = nameof(options.Bootstrap);
        problems.RequirePositive(bootstrap.CheckInterval, $"{BootstrapKey}:{nameof(bootstrap.CheckInterval)}");
        problems.RequirePositive(bootstrap.InitialBackoff, $"{BootstrapKey}:{nameof(bootstrap.InitialBackoff)}");
        problems.Require(bootstrap.MaxBackoff >= bootstrap.InitialBackoff, $"{BootstrapKey}:{nameof(bootstrap.MaxBackoff)}", "must be at least InitialBackoff.");
        problems.Require(bootstrap.Jitter is >= 0 and <= 1, $"{BootstrapKey}:{nameof(bootstrap.Jitter)}", "must be between 0 and 1.");
        problems.RequirePositive(bootstrap.DialTimeout, $"{BootstrapKey}:{nameof(bootstrap.DialTimeout)}");
        var mdns = options.Mdns;
        const string MdnsKey = nameof(options.Mdns);
        problems.RequirePositive(mdns.QueryInterval, $"{MdnsKey}:{nameof(mdns.QueryInterval)}");
        problems.RequireRange(mdns.Port, 1, 65535, $"{MdnsKey}:{nameof(mdns.Port)}");
        problems.Require(mdns.Group is not null, $"{MdnsKey}:{nameof(mdns.Group)}", "is required.");
    }
}
