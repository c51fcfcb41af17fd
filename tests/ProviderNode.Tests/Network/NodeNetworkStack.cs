using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Fetching;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.ProviderNode.Gossip;
using DePinGpu.ProviderNode.Network;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.ProviderNode.Tests.Gossip;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Tests.Network;

/// <summary>
/// One daemon's network stack as <c>AddNodeNetwork</c> composes it (host on the operator key, discovery, GossipSub,
/// Bitswap over a content store) with the gossip service on top, its chain view given by a <see cref="GossipWorld"/>.
/// </summary>
internal sealed class NodeNetworkStack : IAsyncDisposable
{
    public const string Market = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    private readonly ServiceNode _node;

    private NodeNetworkStack(ServiceNode node, GossipWorld world)
    {
        _node = node;
        World = world;
    }

    /// <summary>What the stack logged (gossip validation outcomes included), for failure messages.</summary>
    public Support.RecordingLoggerProvider Log { get; private init; } = new();

    public GossipWorld World { get; }

    public Libp2pHost Host => _node.Get<Libp2pHost>();

    public GossipSubService PubSub => _node.Get<GossipSubService>();

    public ContentStore Content => _node.Get<ContentStore>();

    public IContentFetcher Fetcher => _node.Get<IContentFetcher>();

    public NodeEventBus Bus => _node.Get<NodeEventBus>();

    public Multiaddr Address => Host.ListenAddresses[0].WithPeerId(Host.LocalPeerId);

    public static async Task<NodeNetworkStack> StartAsync(TestOperator identity, GossipWorld world, ILocalGossipState local, string pinDatabase, params Multiaddr[] bootstrap)
    {
        var settings = new Dictionary<string, string?> { ["Network:DiscoverRegisteredProviders"] = "false" };
        for (var index = 0; index < bootstrap.Length; index++)
        {
            settings[$"Network:BootstrapPeers:{index}"] = bootstrap[index].ToString();
        }

        var log = new Support.RecordingLoggerProvider();
        var services = new ServiceCollection().AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(log));
        services.AddContentStore(new MemoryBlockStore(), new ContentStoreOptions { PinDatabasePath = pinDatabase });
        services.AddNodeNetwork(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), identity.Key);
        services.AddSingleton(world.Directory);
        services.AddSingleton(world.Validator);
        services.AddSingleton<NodeEventBus>();
        services.AddSingleton(local);
        services.AddSingleton(new GossipTopics(31337, Market));
        services.AddSingleton(new GossipOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(200), CapacityInterval = TimeSpan.FromSeconds(1) });
        services.AddHostedService<GossipService>();
        return new NodeNetworkStack(await ServiceNode.StartAsync(services), world) { Log = log };
    }

    /// <summary>The gossip and validation lines of the log.</summary>
    public string GossipLog() =>
        string.Join(Environment.NewLine, Log.Messages.Where(line => line.Contains("ossip", StringComparison.Ordinal) || line.Contains("Valid", StringComparison.Ordinal)));

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync();
        Log.Dispose();
    }
}
