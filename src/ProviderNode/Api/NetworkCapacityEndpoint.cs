using System.Globalization;
using DePinGpu.ProviderNode.Gossip;
using DePinGpu.Protocol.Hosting;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// <c>GET /network/capacity</c>: the validated <c>capacity</c> announcements this node has heard, one per provider, and
/// its own, for tenants' tools, which are not gossip peers. Everything listed is public on the topic already.
/// </summary>
public static class NetworkCapacityEndpoint
{
    /// <summary>Lists the capacity this node knows of: its own first (when registered), then the others, newest first.</summary>
    public static async Task<IResult> ListAsync(CapacityBoard board, ILocalGossipState local, ChainSigningKey key, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        var views = new List<CapacityView>();
        if (await local.ProviderAsync(cancellationToken).ConfigureAwait(false) is { } provider)
        {
            var own = local.Capacity();
            views.Add(new CapacityView(
                provider, key.Key.PeerId.ToString(), own.GpuModel, own.GpuCount, own.FreeGpus, own.VramGb,
                own.PricePerGpuSecond.ToString(CultureInfo.InvariantCulture), time.GetUtcNow(), "self"));
        }

        views.AddRange(board.Latest().Where(sighting => !string.Equals(sighting.Capacity.Provider, views.FirstOrDefault()?.Provider, StringComparison.OrdinalIgnoreCase)).Select(CapacityView.From));
        return Results.Json(new { capacity = views });
    }
}
