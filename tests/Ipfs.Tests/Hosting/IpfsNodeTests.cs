using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using DePinGpu.Ipfs.Bitswap.Network;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Hosting;
using DePinGpu.Ipfs.Pins;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DePinGpu.Ipfs.Tests.Hosting;

public class IpfsNodeTests
{
    [Fact]
    public async Task ContentFetcher_OverBitswap_StoresAndPinsTheDag_AndCountsBlocksAndBytes()
    {
        using var folder = new TemporaryDirectory();
        var holderBlocks = new MemoryBlockStore();
        var fetcherBlocks = new MemoryBlockStore();
        await using var holder = await IpfsNode.StartAsync(holderBlocks, new ContentStoreOptions { PinDatabasePath = folder.Combine("holder.db") });
        await using var fetcher = await IpfsNode.StartAsync(fetcherBlocks, new ContentStoreOptions { PinDatabasePath = folder.Combine("fetcher.db") });
        var content = RandomNumberGenerator.GetBytes(600_000);
        var root = (await new UnixFsImporter().ImportBytesAsync(content, holderBlocks)).Cid;
        long receivedBytes = 0;
        using var listener = CountReceivedBytes(fetcher.PeerId.ToString(), bytes => Interlocked.Add(ref receivedBytes, bytes));
        await fetcher.Host.DialAsync(holder.Address);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!fetcher.Network.ConnectedPeers.Contains(holder.PeerId))
        {
            Assert.True(DateTime.UtcNow < deadline, "The holder never became a Bitswap peer.");
            await Task.Delay(20);
        }

        var result = await fetcher.Fetcher.FetchDagAsync(root, "checkpoint");

        Assert.True(result.IsComplete, result.Error);
        Assert.Equal(holderBlocks.GetUsage().BlockCount, result.BlocksFetched);
        Assert.Equal(PinType.Recursive, (await fetcher.Content.GetPinAsync(root))!.Type);
        Assert.True(Interlocked.Read(ref receivedBytes) >= holderBlocks.GetUsage().TotalBytes, "Every fetched byte arrived in a counted block.");
        var health = await new ContentStoreHealthCheck(fetcher.Content).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(result.BlocksFetched + 1, health.Data["blocks"]); // the DAG and the check's own probe block
    }

    [Fact]
    public async Task ContentStoreHealth_IsUnhealthy_WhenTheStoreNoLongerAnswers()
    {
        using var folder = new TemporaryDirectory();
        var blocks = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = folder.Combine("store") });
        using var store = new ContentStore(blocks, new ContentStoreOptions { PinDatabasePath = folder.Combine("pins.db") });
        blocks.Dispose();

        var health = await new ContentStoreHealthCheck(store).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, health.Status);
    }

    [Fact]
    public async Task AddContentStore_FromConfiguration_OpensAFileSystemStore_AndReportsItHealthy()
    {
        using var folder = new TemporaryDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ContentStore:RootPath"] = folder.Combine("repo"),
            ["ContentStore:Fsync"] = "PerBlock",
        }).Build();
        var services = new ServiceCollection().AddContentStore(configuration.GetSection("ContentStore"));
        await using var node = await ServiceNode.StartAsync(services);

        var report = await node.Get<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries[ContentStoreHealthCheck.Name].Status);
        Assert.IsType<FileSystemBlockStore>(node.Get<IBlockStore>());
    }

    [Fact]
    public async Task AddContentStore_WithoutRootPath_FailsTheStart_NamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ContentStore:MaxBlockSize"] = "10" }).Build();
        var services = new ServiceCollection().AddContentStore(configuration.GetSection("ContentStore"));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceNode.StartAsync(services));

        Assert.Contains(failure.Failures, message => message.StartsWith("ContentStore:RootPath ", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, message => message.StartsWith("ContentStore:MaxBlockSize ", StringComparison.Ordinal));
    }

    private static MeterListener CountReceivedBytes(string peer, Action<long> add)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == BitswapMetrics.MeterName && instrument.Name == "bitswap.block_bytes"
                    && instrument.Meter.Tags?.Any(tag => tag.Key == BitswapMetrics.PeerIdTag && Equals(tag.Value, peer)) == true)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags.ToArray().Any(tag => tag.Key == "direction" && Equals(tag.Value, "received")))
            {
                add(value);
            }
        });
        listener.Start();
        return listener;
    }
}
