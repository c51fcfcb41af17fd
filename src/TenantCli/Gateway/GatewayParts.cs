namespace DePinGpu.TenantCli.Gateway;

/// <summary>What every request of the gateway shares: the replicas, the options, the client to the replicas, metrics and events.</summary>
internal sealed record GatewayParts(ReplicaSet Replicas, GatewayOptions Options, HttpMessageInvoker Invoker, GatewayMetrics Metrics, GatewayEventLog Events);
