namespace DePinGpu.TestSupport.Faults;

/// <summary>What a <see cref="TcpProxy"/> does with connections and the bytes on them.</summary>
public enum TcpProxyMode
{
    /// <summary>Accepts connections and forwards bytes both ways (after the proxy's delay, when one is set).</summary>
    Open,

    /// <summary>Refuses new connections (nothing listens) and resets every existing one.</summary>
    Closed,

    /// <summary>Accepts connections but forwards nothing: bytes in either direction are read and dropped.</summary>
    Blackholed,
}
