using System.Numerics;
using DePinGpu.ProviderNode.Inventory;
using DePinGpu.ProviderNode.Pricing;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Bidding;

/// <summary>
/// Decides on an order from what the node has (its <see cref="GpuCapacity"/> from the inventory) and what the pricing
/// policy asks: never offers what it cannot back with free GPUs and free stake, nor a runtime the provider did not
/// allow, nor above the order's maximum price.
/// </summary>
public static class BidPolicy
{
    /// <summary>Why the node cannot run <paramref name="order"/> (spec <paramref name="spec"/>, null: none arrived); null when it can.</summary>
    public static string? Refusal(OrderDetails order, JobSpec? spec, IReadOnlySet<WorkloadRuntimeKind> runtimes, GpuCapacity capacity, int freeGpus, BigInteger freeStake)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(runtimes);
        ArgumentNullException.ThrowIfNull(capacity);
        return order switch
        {
            { State: not OrderState.Open } => $"the order is {order.State}, not open",
            _ when spec is null => $"no valid spec {order.SpecCid} arrived (upload or peers)",
            _ when !runtimes.Contains(spec.Runtime) => $"the spec's runtime {spec.Runtime} is not allowed here",
            _ when order.GpuModel.Length > 0 && !string.Equals(order.GpuModel, capacity.Model, StringComparison.OrdinalIgnoreCase) =>
                $"the order wants {order.GpuModel}, this node has {capacity.Model}",
            _ when order.MinVramGb > capacity.VramGb => $"the order wants {order.MinVramGb} GB of VRAM, this node has {capacity.VramGb}",
            _ when order.GpusPerReplica > freeGpus => $"the order wants {order.GpusPerReplica} GPUs, {freeGpus} are free",
            _ when freeStake < order.StakePerPosition => $"free stake {freeStake} is below the {order.StakePerPosition} an offer locks",
            _ => null,
        };
    }

    /// <summary>What the pricing policy is asked about <paramref name="order"/> (the model is this node's when the order names none).</summary>
    public static PricingRequest Request(OrderDetails order, JobSpec spec, GpuCapacity capacity)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(capacity);
        return new PricingRequest(order.OrderId, order.GpuModel.Length > 0 ? order.GpuModel : capacity.Model, order.MinVramGb, order.GpusPerReplica,
            order.Kind == OrderKind.Stateful ? "stateful" : "stateless", order.Replicas, order.MaxPricePerSecond, (ulong)order.MaxDuration.TotalSeconds,
            spec.Runtime == WorkloadRuntimeKind.Docker ? "docker" : "process", AsStandby: false);
    }

    /// <summary>The decision once <paramref name="quote"/> is known: offer at its price unless declined or above the order's maximum.</summary>
    public static BidDecision Decide(OrderDetails order, PriceQuote quote)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(quote);
        return quote.PricePerSecond switch
        {
            null => BidDecision.Pass(quote.Declined!),
            { } price when price > order.MaxPricePerSecond => BidDecision.Pass($"this node's price {price} is above the order's maximum {order.MaxPricePerSecond}"),
            { } price => BidDecision.Offer(price),
        };
    }
}
