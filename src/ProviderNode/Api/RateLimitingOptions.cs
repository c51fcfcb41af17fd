using DePinGpu.Protocol.Validation;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// Bounds on what one client may ask of the node's API (configuration section <c>Api:RateLimiting</c>). A client is a
/// remote IPv4 address or IPv6 /64. Refused requests get 429 with <c>Retry-After</c>; see docs/node-api.md.
/// </summary>
public sealed record RateLimitingOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api:RateLimiting";

    /// <summary>Requests per second one client may make to the API routes, sustained.</summary>
    public int RequestsPerSecondPerClient { get; init; } = 20;

    /// <summary>Requests one client may make at once above the sustained rate (the token bucket's size).</summary>
    public int RequestBurstPerClient { get; init; } = 100;

    /// <summary>Uploads per minute one client may make, sustained (a tenant uploads a spec and a few inputs per order).</summary>
    public int UploadsPerMinutePerClient { get; init; } = 60;

    /// <summary>Uploads one client may make at once above the sustained rate.</summary>
    public int UploadBurstPerClient { get; init; } = 20;

    /// <summary>
    /// Uploads in progress at once from all clients together: each buffers up to <see cref="ApiOptions.MaxUploadBytes"/>,
    /// so this bounds the memory uploads can hold, whatever the number of clients.
    /// </summary>
    public int MaxConcurrentUploads { get; init; } = 8;

    /// <summary>Open HTTP connections the node's listener accepts at once (Kestrel's limit; beyond it new ones wait in the backlog).</summary>
    public int MaxConnections { get; init; } = 1024;

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Require(problems, RequestsPerSecondPerClient, 1, 100_000, nameof(RequestsPerSecondPerClient));
        Require(problems, RequestBurstPerClient, 1, 1_000_000, nameof(RequestBurstPerClient));
        Require(problems, UploadsPerMinutePerClient, 1, 60_000, nameof(UploadsPerMinutePerClient));
        Require(problems, UploadBurstPerClient, 1, 10_000, nameof(UploadBurstPerClient));
        Require(problems, MaxConcurrentUploads, 1, 1024, nameof(MaxConcurrentUploads));
        Require(problems, MaxConnections, 16, 1_000_000, nameof(MaxConnections));
        return problems;
    }

    private static void Require(List<string> problems, int value, int minimum, int maximum, string key)
    {
        if (value < minimum || value > maximum)
        {
            problems.Add($"{key} {value} must be between {minimum} and {maximum}.");
        }
    }
}
