using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// The API's limiter (<see cref="NodeApiRateLimiter"/>: a client's request rate, then its upload rate, then the node's
/// concurrent uploads) and how a request is classified: by client and by route.
/// </summary>
internal static class RateLimitingPartitions
{
    /// <summary>The client a request counts against: its IPv4 address, or its IPv6 /64 (one host's usual allocation).</summary>
    public static string ClientOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The route's limit class, or null for routes outside the API's limits.</summary>
    public static RateLimitedRoute? RouteOf(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedRoute>();
}
