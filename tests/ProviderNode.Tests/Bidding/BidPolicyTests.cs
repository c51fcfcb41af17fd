using System.Numerics;
using DePinGpu.ProviderNode.Bidding;
using DePinGpu.ProviderNode.Inventory;
using DePinGpu.ProviderNode.Pricing;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Tests.Support;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Tests.Bidding;

public sealed class BidPolicyTests
{
    private static readonly GpuCapacity Capacity = new("RTX4090", 2, 24);
    private static readonly HashSet<WorkloadRuntimeKind> Runtimes = [WorkloadRuntimeKind.Process];
    private static readonly JobSpec ProcessSpec = new() { Runtime = WorkloadRuntimeKind.Process, Command = ["/bin/true"] };

    [Fact]
    public async Task OrderTheNodeCanRun_GetsAnOfferAtTheConfiguredPriceTimesGpus()
    {
        var order = Order(gpus: 2);
        Assert.Null(BidPolicy.Refusal(order, ProcessSpec, Runtimes, Capacity, freeGpus: 2, freeStake: 10));

        var quote = await Pricing(new() { ["RTX4090"] = "100" }).QuoteAsync(BidPolicy.Request(order, ProcessSpec, Capacity), CancellationToken.None);

        Assert.Equal(new BigInteger(200), BidPolicy.Decide(order, quote).Price);
    }

    [Fact]
    public void Request_ForAnOrderNamingNoModel_PricesThisNodesModel()
    {
        var request = BidPolicy.Request(Order(gpus: 2, vram: 16), ProcessSpec, Capacity);

        Assert.Equal("RTX4090", request.GpuModel);
        Assert.Equal(16, request.MinimumVramGigabytes);
        Assert.Equal(("stateful", "process", 2), (request.Kind, request.Runtime, request.GpusPerReplica));
    }

    [Fact]
    public void NotEnoughFreeGpus_Passes() =>
        Assert.Contains("GPUs", BidPolicy.Refusal(Order(gpus: 2), ProcessSpec, Runtimes, Capacity, freeGpus: 1, freeStake: 10), StringComparison.Ordinal);

    [Fact]
    public void NotEnoughFreeStake_Passes() =>
        Assert.Contains("stake", BidPolicy.Refusal(Order(), ProcessSpec, Runtimes, Capacity, freeGpus: 2, freeStake: 4), StringComparison.Ordinal);

    [Fact]
    public void RuntimeNotAllowed_Passes() =>
        Assert.Contains("not allowed", BidPolicy.Refusal(Order(), ProcessSpec with { Runtime = WorkloadRuntimeKind.Docker, Image = "x" }, Runtimes, Capacity, 2, 10), StringComparison.Ordinal);

    [Fact]
    public void NoSpec_Passes() =>
        Assert.Contains("no valid spec", BidPolicy.Refusal(Order(), null, Runtimes, Capacity, 2, 10), StringComparison.Ordinal);

    [Fact]
    public void OtherModelOrTooLittleVram_Passes()
    {
        Assert.Contains("wants H100", BidPolicy.Refusal(Order(model: "H100"), ProcessSpec, Runtimes, Capacity, 2, 10), StringComparison.Ordinal);
        Assert.Contains("VRAM", BidPolicy.Refusal(Order(vram: 80), ProcessSpec, Runtimes, Capacity, 2, 10), StringComparison.Ordinal);
    }

    [Fact]
    public void PriceAboveMaximumOrDeclined_Passes()
    {
        Assert.Contains("above the order's maximum", BidPolicy.Decide(Order(maxPrice: 99), PriceQuote.Of(100)).Reason, StringComparison.Ordinal);
        Assert.Equal(new BigInteger(99), BidPolicy.Decide(Order(maxPrice: 99), PriceQuote.Of(99)).Price);
        Assert.Equal("no price for it", BidPolicy.Decide(Order(), PriceQuote.Decline("no price for it")).Reason);
    }

    private static ConfiguredPricingPolicy Pricing(Dictionary<string, string> perGpuSecond) =>
        new(Options.Create(new PricingOptions { PerGpuSecond = perGpuSecond }));

    private static OrderDetails Order(ushort gpus = 1, string model = "", uint vram = 0, int maxPrice = 1000) => new(
        1, "0x0000000000000000000000000000000000000001", OrderKind.Stateful, OrderState.Open, TestCids.Raw(1), model, vram, gpus, 1, 0, maxPrice,
        TimeSpan.FromHours(1), TimeSpan.FromMinutes(1), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, 5, 0, 0, 0, 0, 0);
}
