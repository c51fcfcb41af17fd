using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Validation;

namespace DePinGpu.ProviderNode.Heartbeat;

/// <summary>The on-chain heartbeat (configuration section <c>Heartbeat</c>).</summary>
public sealed record HeartbeatOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Heartbeat";

    /// <summary>
    /// Time between heartbeats; null (the default) uses the registry's <c>heartbeatInterval</c>, which is what the
    /// chain's timeout is sized for. A configured value must stay well under the registry's heartbeat timeout.
    /// </summary>
    public TimeSpan? Interval { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<string> Validate() =>
        Interval is { } interval && (interval < TimeSpan.FromMilliseconds(100) || interval > TimeSpan.FromHours(1))
            ? [$"Interval {interval} must be between 100 ms and an hour."]
            : [];
}
