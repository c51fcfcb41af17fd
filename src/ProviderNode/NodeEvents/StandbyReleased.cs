using System.Numerics;

namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>
/// This provider is no longer a standby of the order (dropped from or left its queue, or the order closed): it stops
/// replicating the order's checkpoints and unpins them.
/// </summary>
/// <param name="OrderId">The order.</param>
public sealed record StandbyReleased(BigInteger OrderId) : INodeEvent;
