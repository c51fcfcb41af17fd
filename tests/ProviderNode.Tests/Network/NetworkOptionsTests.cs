using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using DePinGpu.ProviderNode.Gossip;
using DePinGpu.ProviderNode.Network;
using DePinGpu.Protocol.Wallets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Tests.Network;

public sealed class NetworkOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndListenOnLoopbackOnly()
    {
        var options = new NetworkOptions();

        Assert.Empty(options.Validate());
        Assert.Equal("/ip4/127.0.0.1/tcp/0", Assert.Single(options.ParsedListenAddresses).ToString());
    }

    [Fact]
    public void BadAddresses_AreEachReportedWithTheirKey()
    {
        var options = new NetworkOptions
        {
            ListenAddresses = ["/ip4/0.0.0.0/tcp/4001", "not an address", "/ip4/127.0.0.1/udp/4001"],
            BootstrapPeers = ["/ip4/127.0.0.1/tcp/4001"],
            RegistryDiscoveryInterval = TimeSpan.Zero,
            MetadataGateways = ["ftp://127.0.0.1/"],
        };

        var problems = options.Validate();

        Assert.Contains(problems, problem => problem.StartsWith("ListenAddresses:1 'not an address' is not a multiaddr", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("ListenAddresses:2 ", StringComparison.Ordinal) && problem.Contains("not a TCP address", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("BootstrapPeers:0 ", StringComparison.Ordinal) && problem.Contains("/p2p/", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("RegistryDiscoveryInterval", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("MetadataGateways:0 'ftp://127.0.0.1/' must be an absolute http(s) URL", StringComparison.Ordinal));
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public async Task AddNodeNetwork_UsesTheOperatorKeyAsTheHostIdentity()
    {
        var operatorKey = WalletKey.Generate();
        await using var provider = new ServiceCollection().AddLogging()
            .AddNodeNetwork(new ConfigurationBuilder().Build(), operatorKey)
            .BuildServiceProvider();

        Assert.Equal(operatorKey.PeerId, PeerId.FromPublicKey(provider.GetRequiredService<PrivateKey>().PublicKey));
        Assert.Equal(operatorKey.PeerId, provider.GetRequiredService<Libp2pHost>().LocalPeerId);
    }

    [Fact]
    public async Task AddNodeNetwork_PassesBootstrapPeersAndTheMdnsOptInToDiscovery()
    {
        var peer = WalletKey.Generate().PeerId;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Network:BootstrapPeers:0"] = $"/ip4/127.0.0.1/tcp/4001/p2p/{peer}",
            ["Network:Mdns"] = "true",
        }).Build();
        await using var provider = new ServiceCollection().AddLogging().AddNodeNetwork(configuration, WalletKey.Generate()).BuildServiceProvider();

        var discovery = provider.GetRequiredService<IOptions<PeerDiscoveryOptions>>().Value;

        Assert.True(discovery.Mdns.Enabled);
        Assert.Equal(peer, Assert.Single(discovery.BootstrapPeers).PeerId);
    }

    [Fact]
    public void GossipOptions_OutOfRange_AreEachReported()
    {
        var options = new GossipOptions { HeartbeatInterval = TimeSpan.Zero, AnnouncementRepeats = 11, MaxClockSkew = TimeSpan.FromHours(1) };

        var problems = options.Validate();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, problem => problem.StartsWith("HeartbeatInterval", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("AnnouncementRepeats", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("MaxClockSkew", StringComparison.Ordinal));
    }

    [Fact]
    public void AddNodeNetwork_WithABadSetting_FailsValidationNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Network:BootstrapPeers:0"] = "/ip4/127.0.0.1/tcp/1" }).Build();
        using var provider = new ServiceCollection().AddLogging().AddNodeNetwork(configuration, WalletKey.Generate()).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<NetworkOptions>>().Value);

        Assert.Contains("Network:BootstrapPeers:0 '/ip4/127.0.0.1/tcp/1' must end in /p2p/<peer id>.", failure.Message, StringComparison.Ordinal);
    }
}
