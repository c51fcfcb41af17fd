namespace DePinGpu.Protocol.Model;

/// <summary>Life cycle of a lease (the contract's <c>LeaseState</c>).</summary>
public enum LeaseState : byte
{
    /// <summary>No such lease.</summary>
    None = 0,

    /// <summary>A provider holds it and must acknowledge before the deadline.</summary>
    Assigned = 1,

    /// <summary>Acknowledged; accruing payment.</summary>
    Running = 2,

    /// <summary>No provider; open for replacement offers until the deadline.</summary>
    Reassigning = 3,

    /// <summary>Ended (see the close reason).</summary>
    Closed = 4,
}
