namespace DePinGpu.TenantCli.Gateway;

/// <summary>Something the gateway did, for <c>--json</c> (one JSON object a line) and the live view.</summary>
/// <param name="At">When.</param>
/// <param name="Kind">replica-added, replica-removed, replica-healthy, replica-unhealthy, replica-ejected, attempt-failed, retry,
/// request-failed, stream-resumed, stream-failed, discovery-failed,
/// chain-event (an event touching the order made the gateway re-read its leases), chain-watch-failed, chain-watch-recovered.</param>
/// <param name="Replica">The replica concerned (<c>lease/epoch</c>), when one is.</param>
/// <param name="Detail">A short explanation.</param>
internal sealed record GatewayEvent(DateTimeOffset At, string Kind, string? Replica, string Detail);
