using System.Net;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// Where the trustless gateway listens and the limits it enforces. Every limit is bounded: the gateway serves
/// untrusted clients. Call <see cref="Validate"/> (the gateway does on start) to get every invalid setting at once.
/// </summary>
public sealed record GatewayOptions
{
    /// <summary>Address to bind; loopback by default so nothing is exposed unless the operator asks.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 lets the system choose (read the result from <see cref="TrustlessGateway.BaseAddress"/>).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>Requests served at the same time; more get 429 with <c>Retry-After</c>.</summary>
    public int MaxConcurrentRequests { get; init; } = 64;

    /// <summary>Open TCP connections accepted at the same time.</summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>Largest block served or read, in bytes (Bitswap's 2 MiB).</summary>
    public int MaxBlockSize { get; init; } = 2 * 1024 * 1024;

    /// <summary>Largest CAR response, in bytes; a DAG that is larger is refused up front when its root says so, else cut.</summary>
    public long MaxCarBytes { get; init; } = 64L * 1024 * 1024 * 1024;

    /// <summary>Most blocks in one CAR response.</summary>
    public long MaxCarBlocks { get; init; } = 4 * 1024 * 1024;

    /// <summary>Longest a single request may take, streaming included; a CAR still running then is cut.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Time a client has to send its request headers.</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Idle time after which a keep-alive connection is closed.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Most request headers accepted.</summary>
    public int MaxRequestHeaderCount { get; init; } = 32;

    /// <summary>Most bytes of request headers accepted, in total.</summary>
    public int MaxRequestHeadersTotalSize { get; init; } = 16 * 1024;

    /// <summary>Longest request line (method, path and query) accepted.</summary>
    public int MaxRequestLineSize { get; init; } = 4 * 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (ListenAddress is null)
        {
            errors.Add("ListenAddress is required.");
        }

        Check(errors, Port is >= 0 and <= 65535, $"Port {Port} must be between 0 and 65535.");
        Check(errors, MaxConcurrentRequests is >= 1 and <= 10_000, $"MaxConcurrentRequests {MaxConcurrentRequests} must be between 1 and 10000.");
        Check(errors, MaxConnections is >= 1 and <= 100_000, $"MaxConnections {MaxConnections} must be between 1 and 100000.");
        Check(errors, MaxBlockSize is >= 1024 and <= 64 * 1024 * 1024, $"MaxBlockSize {MaxBlockSize} must be between 1 KiB and 64 MiB.");
        Check(errors, MaxCarBytes >= 1024, $"MaxCarBytes {MaxCarBytes} must be at least 1 KiB.");
        Check(errors, MaxCarBlocks >= 1, $"MaxCarBlocks {MaxCarBlocks} must be at least 1.");
        Check(errors, ResponseTimeout > TimeSpan.Zero && ResponseTimeout <= TimeSpan.FromDays(1), $"ResponseTimeout {ResponseTimeout} must be positive and at most one day.");
        Check(errors, RequestHeadersTimeout > TimeSpan.Zero && RequestHeadersTimeout <= TimeSpan.FromMinutes(5), $"RequestHeadersTimeout {RequestHeadersTimeout} must be positive and at most 5 minutes.");
        Check(errors, KeepAliveTimeout > TimeSpan.Zero && KeepAliveTimeout <= TimeSpan.FromHours(1), $"KeepAliveTimeout {KeepAliveTimeout} must be positive and at most one hour.");
        Check(errors, MaxRequestHeaderCount is >= 8 and <= 1000, $"MaxRequestHeaderCount {MaxRequestHeaderCount} must be between 8 and 1000.");
        Check(errors, MaxRequestHeadersTotalSize is >= 1024 and <= 1024 * 1024, $"MaxRequestHeadersTotalSize {MaxRequestHeadersTotalSize} must be between 1 KiB and 1 MiB.");
        Check(errors, MaxRequestLineSize is >= 256 and <= 64 * 1024, $"MaxRequestLineSize {MaxRequestLineSize} must be between 256 bytes and 64 KiB.");
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid gateway options: " + string.Join(" ", errors));
        }
    }

    private static void Check(List<string> errors, bool condition, string message)
    {
        if (!condition)
        {
            errors.Add(message);
        }
    }
}
