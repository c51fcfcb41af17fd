namespace DePinGpu.Ipfs.UnixFs;

/// <summary>UnixFS <c>UnixTime</c>: seconds since the epoch and optional nanoseconds.</summary>
/// <param name="Seconds">Seconds relative to 1970-01-01T00:00:00Z.</param>
/// <param name="FractionalNanoseconds">0–999999999, or null when absent.</param>
public sealed record UnixTime(long Seconds, uint? FractionalNanoseconds);
