using System.ComponentModel;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Libp2p.PubSub;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DePinGpu.Libp2p.Tests.Configuration;

public class OptionsBindingTests
{
    private const string PeerIdText = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";

    [Fact]
    public void HostOptions_BoundFromConfiguration_ReadMultiaddrsTimesAndNestedLimits()
    {
        var configuration = Configuration(new()
        {
            ["Libp2p:ListenAddresses:0"] = "/ip4/127.0.0.1/tcp/0",
            ["Libp2p:ListenAddresses:1"] = "/ip6/::1/tcp/4001",
            ["Libp2p:Limits:MaxConnections"] = "12",
            ["Libp2p:Limits:HandshakeTimeout"] = "00:00:03",
            ["Libp2p:AgentVersion"] = "test/1",
        });
        using var provider = new ServiceCollection().AddLibp2pHost(configuration.GetSection("Libp2p")).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<Libp2pHostOptions>>().Value;

        Assert.Equal([Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"), Multiaddr.Parse("/ip6/::1/tcp/4001")], options.ListenAddresses);
        Assert.Equal(12, options.Limits.MaxConnections);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Limits.HandshakeTimeout);
        Assert.Equal(2, options.Limits.MaxConnectionsPerPeer);
        Assert.Equal("test/1", options.AgentVersion);
    }

    [Fact]
    public async Task InvalidHostOptions_FailTheStart_WithEveryProblemNamingItsKey()
    {
        var configuration = Configuration(new()
        {
            ["Libp2p:ListenAddresses:0"] = "/dns4/example.org/tcp/1",
            ["Libp2p:Limits:MaxConnections"] = "0",
            ["Libp2p:IdentifyTimeout"] = "-00:00:01",
        });
        var services = new ServiceCollection().AddLibp2pHost(configuration.GetSection("Libp2p"));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceNode.StartAsync(services));

        Assert.Contains(failure.Failures, message => message.StartsWith("Libp2p:ListenAddresses:0 ", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, message => message.StartsWith("Libp2p:Limits:MaxConnections ", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, message => message.StartsWith("Libp2p:IdentifyTimeout ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvalidHandshakeLimits_FailTheStart_NamingTheirKeys()
    {
        var configuration = Configuration(new()
        {
            ["Libp2p:Limits:MaxPendingHandshakes"] = "8",
            ["Libp2p:Limits:PendingHandshakesReservedForKnownPeers"] = "8",
            ["Libp2p:Limits:MaxPendingHandshakesPerSource"] = "0",
            ["Libp2p:Limits:SilentSocketTimeout"] = "00:00:00",
        });
        var services = new ServiceCollection().AddLibp2pHost(configuration.GetSection("Libp2p"));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceNode.StartAsync(services));

        Assert.Contains(failure.Failures, message => message.StartsWith("Libp2p:Limits:PendingHandshakesReservedForKnownPeers must be between 0 and 7", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, message => message.StartsWith("Libp2p:Limits:MaxPendingHandshakesPerSource ", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, message => message.StartsWith("Libp2p:Limits:SilentSocketTimeout ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownKey_FailsTheStart_InsteadOfBeingIgnored()
    {
        var configuration = Configuration(new() { ["Libp2p:Limits:MaxConections"] = "5" });
        var services = new ServiceCollection().AddLibp2pHost(configuration.GetSection("Libp2p"));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceNode.StartAsync(services));

        Assert.Contains("MaxConections", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BootstrapAddressWithoutPeerId_FailsTheStart_UnderItsKey()
    {
        var configuration = Configuration(new() { ["Discovery:BootstrapPeers:0"] = "/ip4/127.0.0.1/tcp/4001" });
        var services = new ServiceCollection().AddLibp2pHost().AddGossipSub().AddPeerDiscovery(configuration.GetSection("Discovery"));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceNode.StartAsync(services));

        Assert.Contains(failure.Failures, message => message.StartsWith("Discovery:BootstrapPeers:0 ", StringComparison.Ordinal));
    }

    [Fact]
    public void GossipSubDirectPeerWithoutPeerId_IsReportedUnderItsKey()
    {
        var options = new GossipSubServiceOptions { DirectPeers = [Multiaddr.Parse("/ip4/127.0.0.1/tcp/4002")] };

        var result = new GossipSubServiceOptionsValidator("GossipSub").Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, message => message.StartsWith("GossipSub:DirectPeers:0 ", StringComparison.Ordinal));
    }

    [Fact]
    public void TypeConverters_ReadAndWriteCanonicalText_AndRejectGarbage()
    {
        var cid = Cid.ForBlock(MulticodecCode.Raw, [1, 2, 3]);
        Assert.Equal(cid, TypeDescriptor.GetConverter(typeof(Cid)).ConvertFromInvariantString(cid.ToString()));
        Assert.Equal(PeerId.Parse(PeerIdText), TypeDescriptor.GetConverter(typeof(PeerId)).ConvertFromInvariantString(PeerIdText));
        Assert.Equal("/ip4/10.0.0.1/tcp/7", TypeDescriptor.GetConverter(typeof(Multiaddr)).ConvertToInvariantString(Multiaddr.Parse("/ip4/10.0.0.1/tcp/7")));
        Assert.ThrowsAny<FormatException>(() => TypeDescriptor.GetConverter(typeof(Multiaddr)).ConvertFromInvariantString("/ip4/not-an-address"));
        Assert.ThrowsAny<FormatException>(() => TypeDescriptor.GetConverter(typeof(PeerId)).ConvertFromInvariantString("not a peer"));
    }

    [Fact]
    public void PeerIdAndCid_BindFromConfiguration()
    {
        var cid = Cid.ForBlock(MulticodecCode.Raw, [9]);
        var configuration = Configuration(new() { ["Peer"] = PeerIdText, ["Root"] = cid.ToString() });

        var bound = configuration.Get<PeerAndRoot>()!;

        Assert.Equal(PeerId.Parse(PeerIdText), bound.Peer);
        Assert.Equal(cid, bound.Root);
    }

    private static IConfigurationRoot Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private sealed record PeerAndRoot
    {
        public PeerId? Peer { get; init; }

        public Cid? Root { get; init; }
    }
}
