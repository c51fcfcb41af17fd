namespace DePinGpu.Protocol.Events.Registry;

/// <summary>The ProviderRegistry event <c>ProviderJailed(address indexed provider, uint64 jailedUntil)</c>.</summary>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="JailedUntil">The event's <c>jailedUntil</c>.</param>
public sealed record ProviderJailed(string Provider, ulong JailedUntil) : ChainEvent;
