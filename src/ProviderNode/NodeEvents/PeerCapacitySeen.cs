using System.Numerics;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>A validated <c>capacity</c> gossip message from another provider's node: what it offers now.</summary>
/// <param name="Provider">The provider's (owner) address, lower-case.</param>
/// <param name="Peer">Its node's peer id.</param>
/// <param name="GpuModel">The GPU model.</param>
/// <param name="GpuCount">GPUs it rents out.</param>
/// <param name="FreeGpus">GPUs not running a lease.</param>
/// <param name="VramGb">VRAM per GPU, GB.</param>
/// <param name="PricePerGpuSecond">Asking price per GPU and second, stake-token wei.</param>
public sealed record PeerCapacitySeen(string Provider, PeerId Peer, string GpuModel, uint GpuCount, uint FreeGpus, uint VramGb, BigInteger PricePerGpuSecond) : INodeEvent;
