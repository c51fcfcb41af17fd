namespace DePinGpu.Protocol.Model;

/// <summary>What an order runs (the contract's <c>OrderKind</c>).</summary>
public enum OrderKind : byte
{
    /// <summary>A batch job with checkpoints; on a fault it settles to the last checkpoint.</summary>
    Stateful = 0,

    /// <summary>Service replicas; on a fault they settle to the last heartbeat.</summary>
    Stateless = 1,
}
