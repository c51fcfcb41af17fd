namespace DePinGpu.Ipfs.RemotePinning;

/// <summary>A pin request as the service reports it (Pinning Service API <c>PinStatus</c>).</summary>
/// <param name="RequestId">The service's id for the request (used to poll, replace or delete it).</param>
/// <param name="Status">Queued, pinning, pinned or failed.</param>
/// <param name="Created">When the request was made (the list's sort and pagination key).</param>
/// <param name="Pin">What is pinned.</param>
/// <param name="Delegates">Multiaddrs of the service's nodes to connect to so they can fetch the DAG.</param>
/// <param name="Info">Optional service-specific details (e.g. a failure reason).</param>
public sealed record RemotePinStatus(
    string RequestId,
    RemotePinState Status,
    DateTimeOffset Created,
    RemotePin Pin,
    IReadOnlyList<string> Delegates,
    IReadOnlyDictionary<string, string> Info);
