using System.Numerics;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Model;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>OrderCreated(uint256 indexed orderId, address indexed tenant, uint8 kind, bytes specCid, uint8 replicas, uint8 standbys, uint256 maxPricePerSecond, uint64 bidDeadline, uint256 escrow)</c>.</summary>
/// <param name="OrderId">The event's <c>orderId</c>.</param>
/// <param name="Tenant">The event's <c>tenant</c> (addresses lower-case).</param>
/// <param name="Kind">The event's <c>kind</c>.</param>
/// <param name="SpecCid">The event's <c>specCid</c>.</param>
/// <param name="Replicas">The event's <c>replicas</c>.</param>
/// <param name="Standbys">The event's <c>standbys</c>.</param>
/// <param name="MaxPricePerSecond">The event's <c>maxPricePerSecond</c>.</param>
/// <param name="BidDeadline">The event's <c>bidDeadline</c>.</param>
/// <param name="Escrow">The event's <c>escrow</c>.</param>
public sealed record OrderCreated(BigInteger OrderId, string Tenant, OrderKind Kind, Cid? SpecCid, byte Replicas, byte Standbys, BigInteger MaxPricePerSecond, ulong BidDeadline, BigInteger Escrow) : ChainEvent;
