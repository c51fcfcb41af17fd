using System.Numerics;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Protocol.Clients;

/// <summary>A registered provider as the registry knows it.</summary>
/// <param name="Owner">Cold account: the provider id; holds the stake and receives payments.</param>
/// <param name="Operator">Hot key on the node.</param>
/// <param name="PeerId">The operator's libp2p peer id (null for an unregistered provider).</param>
/// <param name="GpuModel">GPU model, e.g. "RTX4090".</param>
/// <param name="GpuCount">Number of GPUs.</param>
/// <param name="VramGb">VRAM per GPU.</param>
/// <param name="MetadataCid">CID of the provider's metadata document (null when the registry holds bytes that are not a CID).</param>
/// <param name="Stake">Bonded stake (includes locked stake).</param>
/// <param name="LockedStake">Stake backing offers, standby positions and leases.</param>
/// <param name="UnbondingStake">Stake requested for withdrawal, still slashable.</param>
/// <param name="RegisteredAt">Registration time.</param>
/// <param name="LastHeartbeat">Last recorded heartbeat.</param>
/// <param name="Jailed">True while jailed.</param>
/// <param name="JailedUntil">When unjail becomes possible (meaningful while jailed).</param>
public sealed record ProviderDetails(
    string Owner,
    string Operator,
    PeerId? PeerId,
    string GpuModel,
    uint GpuCount,
    uint VramGb,
    Cid? MetadataCid,
    BigInteger Stake,
    BigInteger LockedStake,
    BigInteger UnbondingStake,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastHeartbeat,
    bool Jailed,
    DateTimeOffset JailedUntil)
{
    /// <summary>Stake that is neither locked nor unbonding.</summary>
    public BigInteger FreeStake => Stake - LockedStake;
}
