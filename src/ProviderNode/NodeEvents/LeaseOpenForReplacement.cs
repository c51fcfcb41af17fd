using System.Numerics;

namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>
/// A lease lost its provider with no standby left and takes replacement offers (<c>offerReplacement</c>) until
/// <paramref name="OfferDeadline"/>; the first acceptable offer is assigned the lease at <paramref name="Epoch"/>.
/// </summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="OrderId">Its order.</param>
/// <param name="Epoch">The epoch the replacement will hold it at.</param>
/// <param name="OfferDeadline">Unix seconds.</param>
public sealed record LeaseOpenForReplacement(BigInteger LeaseId, BigInteger OrderId, uint Epoch, ulong OfferDeadline) : INodeEvent;
