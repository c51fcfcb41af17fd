using System.Globalization;
using DePinGpu.ProviderNode.Gossip;

namespace DePinGpu.ProviderNode.Api;

/// <summary>JSON shape of one provider's capacity in <c>GET /network/capacity</c> (docs/node-api.md).</summary>
/// <param name="Provider">The provider's (owner) address, lower-case.</param>
/// <param name="PeerId">Its node's peer id.</param>
/// <param name="GpuModel">The GPU model.</param>
/// <param name="GpuCount">GPUs it rents out.</param>
/// <param name="FreeGpus">GPUs not running a lease.</param>
/// <param name="VramGb">VRAM per GPU, GB.</param>
/// <param name="PricePerGpuSecondWei">Asking price per GPU and second, stake-token wei, in decimal.</param>
/// <param name="SeenAt">When this node received the announcement (its own: now).</param>
/// <param name="Source">"gossip" for a validated announcement of another node, "self" for this node's own.</param>
public sealed record CapacityView(
    string Provider, string PeerId, string GpuModel, uint GpuCount, uint FreeGpus, uint VramGb, string PricePerGpuSecondWei, DateTimeOffset SeenAt, string Source)
{
    /// <summary>The view of an announcement heard on the gossip.</summary>
    public static CapacityView From(CapacitySighting sighting)
    {
        ArgumentNullException.ThrowIfNull(sighting);
        var capacity = sighting.Capacity;
        return new CapacityView(
            capacity.Provider, capacity.Peer.ToString(), capacity.GpuModel, capacity.GpuCount, capacity.FreeGpus, capacity.VramGb,
            capacity.PricePerGpuSecond.ToString(CultureInfo.InvariantCulture), sighting.SeenAt, "gossip");
    }
}
