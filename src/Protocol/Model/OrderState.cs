namespace DePinGpu.Protocol.Model;

/// <summary>Life cycle of an order (the contract's <c>OrderState</c>).</summary>
public enum OrderState : byte
{
    /// <summary>No such order.</summary>
    None = 0,

    /// <summary>Accepting offers.</summary>
    Open = 1,

    /// <summary>Leases exist, at least one not closed.</summary>
    Finalized = 2,

    /// <summary>Cancelled by the tenant before finalize; escrow refunded.</summary>
    Cancelled = 3,

    /// <summary>Every lease closed.</summary>
    Closed = 4,
}
