using System.Numerics;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Model;

namespace DePinGpu.Protocol.Clients;

/// <summary>An order as the market knows it.</summary>
/// <param name="OrderId">Order id.</param>
/// <param name="Tenant">Who placed it.</param>
/// <param name="Kind">Stateful or Stateless.</param>
/// <param name="State">Life-cycle state.</param>
/// <param name="SpecCid">CID of the job spec (null when the market holds bytes that are not a CID: the tenant's error).</param>
/// <param name="GpuModel">Required GPU model ("" = any).</param>
/// <param name="MinVramGb">Minimum VRAM per GPU.</param>
/// <param name="GpusPerReplica">GPUs per replica.</param>
/// <param name="Replicas">Replicas.</param>
/// <param name="Standbys">Standbys asked for.</param>
/// <param name="MaxPricePerSecond">Highest price per replica and second.</param>
/// <param name="MaxDuration">Longest the leases run.</param>
/// <param name="BidWindow">Offer window.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="BidDeadline">Offers accepted until then.</param>
/// <param name="Escrow">Escrow not yet moved into leases.</param>
/// <param name="StakePerPosition">Stake locked per offer, standby and lease.</param>
/// <param name="OfferCount">Offers in the book.</param>
/// <param name="FirstLeaseId">First lease id (0 before finalize).</param>
/// <param name="LeaseCount">Leases created.</param>
/// <param name="OpenLeases">Leases not closed.</param>
/// <param name="StandbysRemaining">Standby positions still queued.</param>
public sealed record OrderDetails(
    BigInteger OrderId,
    string Tenant,
    OrderKind Kind,
    OrderState State,
    Cid? SpecCid,
    string GpuModel,
    uint MinVramGb,
    ushort GpusPerReplica,
    byte Replicas,
    byte Standbys,
    BigInteger MaxPricePerSecond,
    TimeSpan MaxDuration,
    TimeSpan BidWindow,
    DateTimeOffset CreatedAt,
    DateTimeOffset BidDeadline,
    BigInteger Escrow,
    BigInteger StakePerPosition,
    byte OfferCount,
    BigInteger FirstLeaseId,
    byte LeaseCount,
    byte OpenLeases,
    byte StandbysRemaining)
{
    /// <summary>The ids of the order's leases (empty before finalize).</summary>
    public IReadOnlyList<BigInteger> LeaseIds =>
        Enumerable.Range(0, LeaseCount).Select(i => FirstLeaseId + i).ToArray();
}
