namespace DePinGpu.Protocol.JobSpecs;

/// <summary>The part of a spec that only services have: where they listen and how their health is checked.</summary>
/// <param name="Port">The port the service listens on inside its container (given to it as <c>PORT</c>).</param>
/// <param name="HealthPath">An HTTP path that answers 2xx while the replica is healthy.</param>
/// <param name="Idempotent">True when any request may be retried on another replica (POST included).</param>
public sealed record ServiceSpec(int Port, string HealthPath, bool Idempotent);
