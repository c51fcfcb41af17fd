using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Validation;

namespace DePinGpu.ProviderNode.Heartbeat;

/// <summary>The on-chain heartbeat (configuration section <c>Heartbeat</c>).</summary>
public sealed record HeartbeatOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Heartbeat";

    /// <summary>Time between heartbeats; keep it well under the registry's heartbeat timeout.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(20);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate() =>
        Interval < TimeSpan.FromMilliseconds(100) || Interval > TimeSpan.FromHours(1)
            ? [$"Interval {Interval} must be between 100 ms and an hour."]
            : [];
}
