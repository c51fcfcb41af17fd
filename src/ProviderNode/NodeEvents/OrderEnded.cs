using System.Numerics;

namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>An order stopped taking offers (finalized, cancelled or closed).</summary>
/// <param name="OrderId">The order.</param>
public sealed record OrderEnded(BigInteger OrderId) : INodeEvent;
