using System.Numerics;

namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>
/// This provider was named a standby of a finalized order: it should fetch the spec, inputs and image now and replicate
/// the leases' checkpoints, so that nothing is downloaded after a failure.
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="FirstLeaseId">The order's first lease.</param>
/// <param name="LeaseCount">How many leases the order has (ids are consecutive).</param>
public sealed record StandbyNamed(BigInteger OrderId, BigInteger FirstLeaseId, byte LeaseCount) : INodeEvent;
