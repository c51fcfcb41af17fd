using System.Net;
using System.Numerics;
using System.Text;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.ProviderNode.Tests.Support;

/// <summary>The tenant's side of the node end-to-end tests (the src/Protocol client): orders, uploads, reads the chain and the nodes' gateways.</summary>
public static class DevnetTenant
{
    /// <summary>How long any one thing in these tests may take.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>The highest price per second the orders of these tests accept.</summary>
    public static readonly BigInteger MaxPricePerSecond = 5000;

    /// <summary>Creates a one-replica order for one RTX4090 whose spec is <paramref name="spec"/>, then uploads the spec to every node.</summary>
    public static Task<BigInteger> OrderAsync(MarketClient market, byte[] spec, OrderKind kind, byte standbys, params DevnetNode[] nodes) =>
        OrderAsync(market, spec, kind, standbys, TimeSpan.FromMinutes(5), nodes);

    /// <summary>As the other overload, with a bid window of <paramref name="bidWindow"/> (also the offer window of a reopened lease).</summary>
    public static async Task<BigInteger> OrderAsync(MarketClient market, byte[] spec, OrderKind kind, byte standbys, TimeSpan bidWindow, params DevnetNode[] nodes)
    {
        ArgumentNullException.ThrowIfNull(market);
        var maxPrice = MaxPricePerSecond;
        var orderId = await market.CreateOrderAsync(
            new OrderRequest(Cid.ForBlock(MulticodecCode.Raw, spec), kind, "RTX4090", 0, 1, 1, standbys, maxPrice, TimeSpan.FromHours(1), bidWindow, maxPrice * 3600),
            CancellationToken.None);
        foreach (var node in nodes)
        {
            await UploadAsync(node.Api, spec);
        }

        return orderId;
    }

    /// <summary>Uploads <paramref name="spec"/> once the node has seen the order.</summary>
    public static async Task UploadAsync(Uri api, byte[] spec)
    {
        using var http = new HttpClient { BaseAddress = api };
        await Until(async () =>
        {
            using var response = await http.PostAsync(new Uri("/uploads", UriKind.Relative), new ByteArrayContent(spec));
            return response.StatusCode == HttpStatusCode.Created;
        }, "the node accepts the spec once it has seen the order");
    }

    /// <summary>Every market event so far.</summary>
    public static async Task<IReadOnlyList<ChainEvent>> MarketEventsAsync(ProtocolChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var head = await chain.Anvil.Rpc.GetBlockNumberAsync(CancellationToken.None);
        var logs = await chain.Anvil.Rpc.GetLogsAsync(new LogFilter(0, head, [chain.Deployment.Contracts.Market], []), CancellationToken.None);
        return chain.Connection.Events.DecodeAll(logs);
    }

    /// <summary>The checkpoints committed for <paramref name="leaseId"/>, in order.</summary>
    public static async Task<IReadOnlyList<CheckpointCommitted>> CheckpointCommitsAsync(ProtocolChain chain, BigInteger leaseId) =>
        (await MarketEventsAsync(chain)).OfType<CheckpointCommitted>().Where(commit => commit.LeaseId == leaseId).ToArray();

    /// <summary>Fetches a checkpoint as a CAR from the node's trustless gateway and exports its <c>state</c> file's text.</summary>
    public static async Task<string> ExportStateAsync(Uri api, Cid cid, string destination)
    {
        ArgumentNullException.ThrowIfNull(cid);
        using var http = new HttpClient { BaseAddress = api };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/ipfs/{cid}?format=car", UriKind.Relative));
        request.Headers.Accept.ParseAdd("application/vnd.ipld.car");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var blocks = new MemoryBlockStore();
        var car = await CarReader.OpenAsync(await response.Content.ReadAsStreamAsync());
        while (await car.ReadBlockAsync() is { } block)
        {
            await blocks.PutAsync(block);
        }

        await new UnixFsExporter(blocks).ExportAsync(cid, destination);
        return (await File.ReadAllTextAsync(Path.Combine(destination, "state"), Encoding.UTF8)).Trim();
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after <see cref="Patience"/>.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(200);
        }
    }
}
