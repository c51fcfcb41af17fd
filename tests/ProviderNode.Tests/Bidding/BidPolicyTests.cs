using System.Numerics;
using DePinGpu.ProviderNode.Bidding;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.ProviderNode.Tests.Bidding;

public sealed class BidPolicyTests
{
    private static readonly BiddingOptions Options = new() { PricePerGpuSecond = "100", GpuModel = "RTX4090", GpuCount = 2, VramGb = 24, AllowedRuntimes = ["process"] };
    private static readonly JobSpec ProcessSpec = new() { Runtime = WorkloadRuntimeKind.Process, Command = ["/bin/true"] };

    [Fact]
    public void OrderTheNodeCanRun_GetsAnOfferAtItsPriceTimesGpus() =>
        Assert.Equal(new BigInteger(200), BidPolicy.Decide(Order(gpus: 2), ProcessSpec, Options, freeGpus: 2, freeStake: 10).Price);

    [Fact]
    public void NotEnoughFreeGpus_Passes() =>
        Assert.Contains("GPUs", BidPolicy.Decide(Order(gpus: 2), ProcessSpec, Options, freeGpus: 1, freeStake: 10).Reason, StringComparison.Ordinal);

    [Fact]
    public void NotEnoughFreeStake_Passes() =>
        Assert.Contains("stake", BidPolicy.Decide(Order(), ProcessSpec, Options, freeGpus: 2, freeStake: 4).Reason, StringComparison.Ordinal);

    [Fact]
    public void RuntimeNotAllowed_Passes() =>
        Assert.Contains("not allowed", BidPolicy.Decide(Order(), ProcessSpec with { Runtime = WorkloadRuntimeKind.Docker, Image = "x" }, Options, 2, 10).Reason, StringComparison.Ordinal);

    [Fact]
    public void NoSpec_Passes() =>
        Assert.Null(BidPolicy.Decide(Order(), null, Options, 2, 10).Price);

    [Fact]
    public void OtherModelOrTooLittleVramOrPriceAboveMaximum_Passes()
    {
        Assert.Null(BidPolicy.Decide(Order(model: "H100"), ProcessSpec, Options, 2, 10).Price);
        Assert.Null(BidPolicy.Decide(Order(vram: 80), ProcessSpec, Options, 2, 10).Price);
        Assert.Null(BidPolicy.Decide(Order(maxPrice: 99), ProcessSpec, Options, 2, 10).Price);
    }

    private static OrderDetails Order(ushort gpus = 1, string model = "", uint vram = 0, int maxPrice = 1000) => new(
        1, "0x0000000000000000000000000000000000000001", OrderKind.Stateful, OrderState.Open, TestCids.Raw(1), model, vram, gpus, 1, 0, maxPrice,
        TimeSpan.FromHours(1), TimeSpan.FromMinutes(1), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, 5, 0, 0, 0, 0, 0);
}
