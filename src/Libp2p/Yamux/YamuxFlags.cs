namespace DePinGpu.Libp2p.Yamux;

/// <summary>Yamux header flags, valid on Data and WindowUpdate frames (SYN/ACK also on Ping).</summary>
[Flags]
public enum YamuxFlags : ushort
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>Opens a stream (or requests a ping).</summary>
    Syn = 0x1,

    /// <summary>Acknowledges a stream (or answers a ping).</summary>
    Ack = 0x2,

    /// <summary>Half-closes the sender's side of a stream.</summary>
    Fin = 0x4,

    /// <summary>Resets a stream.</summary>
    Rst = 0x8,
}
