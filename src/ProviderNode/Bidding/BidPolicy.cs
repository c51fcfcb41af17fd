using DePinGpu.Protocol.JobSpecs;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Bidding;

/// <summary>
/// Decides on an order from what the node has: never offers what it cannot back with free GPUs and free stake, nor
/// a runtime the provider did not allow, nor below its own price.
/// </summary>
public static class BidPolicy
{
    /// <summary>The decision for <paramref name="order"/> with spec <paramref name="spec"/> (null: no valid spec arrived).</summary>
    public static BidDecision Decide(OrderDetails order, JobSpec? spec, BiddingOptions options, int freeGpus, System.Numerics.BigInteger freeStake)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(options);
        var price = options.Price * order.GpusPerReplica;
        return order switch
        {
            { State: not OrderState.Open } => BidDecision.Pass($"the order is {order.State}, not open"),
            _ when spec is null => BidDecision.Pass($"no valid spec {order.SpecCid} arrived (upload or peers)"),
            _ when !options.Runtimes.Contains(spec.Runtime) => BidDecision.Pass($"the spec's runtime {spec.Runtime} is not allowed here"),
            _ when order.GpuModel.Length > 0 && !string.Equals(order.GpuModel, options.GpuModel, StringComparison.OrdinalIgnoreCase) =>
                BidDecision.Pass($"the order wants {order.GpuModel}, this node has {options.GpuModel}"),
            _ when order.MinVramGb > options.VramGb => BidDecision.Pass($"the order wants {order.MinVramGb} GB of VRAM, this node has {options.VramGb}"),
            _ when order.GpusPerReplica > freeGpus => BidDecision.Pass($"the order wants {order.GpusPerReplica} GPUs, {freeGpus} are free"),
            _ when freeStake < order.StakePerPosition => BidDecision.Pass($"free stake {freeStake} is below the {order.StakePerPosition} an offer locks"),
            _ when price > order.MaxPricePerSecond => BidDecision.Pass($"this node's price {price} is above the order's maximum {order.MaxPricePerSecond}"),
            _ => BidDecision.Offer(price),
        };
    }
}
