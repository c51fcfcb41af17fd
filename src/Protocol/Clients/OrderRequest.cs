using System.Numerics;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Model;

namespace DePinGpu.Protocol.Clients;

/// <summary>What a tenant asks for when placing an order.</summary>
/// <param name="SpecCid">CID of the job spec.</param>
/// <param name="Kind">Stateful batch job or Stateless service.</param>
/// <param name="GpuModel">Required GPU model, or "" for any.</param>
/// <param name="MinVramGb">Minimum VRAM per GPU, 0 for any.</param>
/// <param name="GpusPerReplica">GPUs each replica needs.</param>
/// <param name="Replicas">Number of replicas (leases).</param>
/// <param name="Standbys">Runner-up providers kept in reserve.</param>
/// <param name="MaxPricePerSecond">Highest price per replica and second (token wei).</param>
/// <param name="MaxDuration">Longest the leases run.</param>
/// <param name="BidWindow">How long offers are accepted.</param>
/// <param name="Escrow">Tokens deposited with the order.</param>
public sealed record OrderRequest(
    Cid SpecCid,
    OrderKind Kind,
    string GpuModel,
    uint MinVramGb,
    ushort GpusPerReplica,
    byte Replicas,
    byte Standbys,
    BigInteger MaxPricePerSecond,
    TimeSpan MaxDuration,
    TimeSpan BidWindow,
    BigInteger Escrow);
