using System.Numerics;

namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>This provider holds a lease at <paramref name="Epoch"/> and must acknowledge it before the deadline.</summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="OrderId">Its order.</param>
/// <param name="Epoch">The epoch this provider holds it at.</param>
/// <param name="AckDeadline">Unix seconds.</param>
public sealed record LeaseWon(BigInteger LeaseId, BigInteger OrderId, uint Epoch, ulong AckDeadline) : INodeEvent;
