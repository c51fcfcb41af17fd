using DePinGpu.Libp2p.Configuration;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>Checks <see cref="GatewayOptions"/>; every problem names its configuration key.</summary>
public sealed class GatewayOptionsValidator(string section) : SectionValidator<GatewayOptions>(section)
{
    /// <inheritdoc />
    protected override void Check(GatewayOptions options, ConfigurationProblems problems)
    {
        problems.Require(options.ListenAddress is not null, nameof(options.ListenAddress), "is required.");
        problems.RequireRange(options.Port, 0, 65535, nameof(options.Port));
        problems.RequireRange(options.MaxConcurrentRequests, 1, 10_000, nameof(options.MaxConcurrentRequests));
        problems.RequireRange(options.MaxConnections, 1, 100_000, nameof(options.MaxConnections));
        problems.RequireRange(options.MaxBlockSize, 1024, 64 * 1024 * 1024, nameof(options.MaxBlockSize));
        problems.RequireRange(options.MaxCarBytes, 1024, long.MaxValue, nameof(options.MaxCarBytes));
        problems.RequireRange(options.MaxCarBlocks, 1, long.MaxValue, nameof(options.MaxCarBlocks));
        problems.Require(options.ResponseTimeout > TimeSpan.Zero && options.ResponseTimeout <= TimeSpan.FromDays(1), nameof(options.ResponseTimeout), "must be positive and at most one day.");
        problems.Require(options.RequestHeadersTimeout > TimeSpan.Zero && options.RequestHeadersTimeout <= TimeSpan.FromMinutes(5), nameof(options.RequestHeadersTimeout), "must be positive and at most 5 minutes.");
        problems.Require(options.KeepAliveTimeout > TimeSpan.Zero && options.KeepAliveTimeout <= TimeSpan.FromHours(1), nameof(options.KeepAliveTimeout), "must be positive and at most one hour.");
        problems.RequireRange(options.MaxRequestHeaderCount, 8, 1000, nameof(options.MaxRequestHeaderCount));
        problems.RequireRange(options.MaxRequestHeadersTotalSize, 1024, 1024 * 1024, nameof(options.MaxRequestHeadersTotalSize));
        problems.RequireRange(options.MaxRequestLineSize, 256, 64 * 1024, nameof(options.MaxRequestLineSize));
    }
}
