using System.Numerics;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>LeaseSettled(uint256 indexed leaseId, address indexed provider, uint32 epoch, uint64 settledUntil, uint256 providerAmount, uint256 protocolFee)</c>.</summary>
/// <param name="LeaseId">The event's <c>leaseId</c>.</param>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="Epoch">The event's <c>epoch</c>.</param>
/// <param name="SettledUntil">The event's <c>settledUntil</c>.</param>
/// <param name="ProviderAmount">The event's <c>providerAmount</c>.</param>
/// <param name="ProtocolFee">The event's <c>protocolFee</c>.</param>
public sealed record LeaseSettled(BigInteger LeaseId, string Provider, uint Epoch, ulong SettledUntil, BigInteger ProviderAmount, BigInteger ProtocolFee) : ChainEvent;
