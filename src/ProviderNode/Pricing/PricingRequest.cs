using System.Numerics;

namespace DePinGpu.ProviderNode.Pricing;

/// <summary>What a pricing policy sees of an order it may offer on (also the JSON a pricing script reads).</summary>
/// <param name="OrderId">The order.</param>
/// <param name="GpuModel">The GPU model the order asks for ("" when it asks only for VRAM).</param>
/// <param name="MinimumVramGigabytes">The VRAM per GPU it asks for (0 when it names a model).</param>
/// <param name="GpusPerReplica">GPUs per replica.</param>
/// <param name="Kind">"stateful" or "stateless".</param>
/// <param name="Replicas">Replicas the order runs.</param>
/// <param name="MaxPricePerSecond">The most the tenant pays per replica-second, in token base units.</param>
/// <param name="MaxDurationSeconds">The longest the lease may run.</param>
/// <param name="Runtime">"docker" or "process".</param>
/// <param name="AsStandby">True when the offer would be a standby's.</param>
public sealed record PricingRequest(
    BigInteger OrderId,
    string GpuModel,
    long MinimumVramGigabytes,
    int GpusPerReplica,
    string Kind,
    int Replicas,
    BigInteger MaxPricePerSecond,
    ulong MaxDurationSeconds,
    string Runtime,
    bool AsStandby);
