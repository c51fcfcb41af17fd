using System.Numerics;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Protocol.Events.Registry;

/// <summary>The ProviderRegistry event <c>ProviderRegistered(address indexed provider, address indexed operator, bytes peerId, string gpuModel, uint32 gpuCount, uint32 vramGb, bytes metadataCid, uint256 stake)</c>.</summary>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="Operator">The event's <c>operator</c> (addresses lower-case).</param>
/// <param name="PeerId">The event's <c>peerId</c>.</param>
/// <param name="GpuModel">The event's <c>gpuModel</c>.</param>
/// <param name="GpuCount">The event's <c>gpuCount</c>.</param>
/// <param name="VramGb">The event's <c>vramGb</c>.</param>
/// <param name="MetadataCid">The event's <c>metadataCid</c>.</param>
/// <param name="Stake">The event's <c>stake</c>.</param>
public sealed record ProviderRegistered(string Provider, string Operator, PeerId PeerId, string GpuModel, uint GpuCount, uint VramGb, Cid? MetadataCid, BigInteger Stake) : ChainEvent;
