namespace DePinGpu.Protocol.Events.Registry;

/// <summary>The ProviderRegistry event <c>HeartbeatRecorded(address indexed provider)</c>.</summary>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
public sealed record HeartbeatRecorded(string Provider) : ChainEvent;
