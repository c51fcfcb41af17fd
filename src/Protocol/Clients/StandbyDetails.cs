using System.Numerics;

namespace DePinGpu.Protocol.Clients;

/// <summary>A provider waiting in an order's standby queue.</summary>
/// <param name="Provider">Provider (owner address).</param>
/// <param name="PricePerSecond">The price it offered and is paid when promoted.</param>
public sealed record StandbyDetails(string Provider, BigInteger PricePerSecond);
