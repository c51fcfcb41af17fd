namespace DePinGpu.Ipfs.RemotePinning;

/// <summary>One page of a pin listing (Pinning Service API <c>PinResults</c>), newest first.</summary>
/// <param name="Count">Total matching requests at the service (all pages).</param>
/// <param name="Results">This page.</param>
public sealed record RemotePinResults(int Count, IReadOnlyList<RemotePinStatus> Results);
