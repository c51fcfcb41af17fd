using System.Numerics;

namespace DePinGpu.Protocol.Clients;

/// <summary>An offer in an order's book.</summary>
/// <param name="Provider">Provider (owner address).</param>
/// <param name="PricePerSecond">Asked price.</param>
/// <param name="Sequence">Arrival order; ties on price go to the lower sequence.</param>
public sealed record OfferDetails(string Provider, BigInteger PricePerSecond, uint Sequence);
