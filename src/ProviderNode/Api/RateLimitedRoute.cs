namespace DePinGpu.ProviderNode.Api;

/// <summary>Endpoint metadata: the route is under the API's rate limits (routes without it, such as the gateway's, are not).</summary>
public sealed class RateLimitedRoute
{
    private RateLimitedRoute(bool isUpload) => IsUpload = isUpload;

    /// <summary>A request: counted against the client's request rate.</summary>
    public static RateLimitedRoute Request { get; } = new(isUpload: false);

    /// <summary>An upload: counted against the client's request rate, its upload rate and the node's concurrent uploads.</summary>
    public static RateLimitedRoute Upload { get; } = new(isUpload: true);

    /// <summary>True for uploads.</summary>
    public bool IsUpload { get; }
}
