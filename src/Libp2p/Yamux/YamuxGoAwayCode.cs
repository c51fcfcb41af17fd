namespace DePinGpu.Libp2p.Yamux;

/// <summary>Reason codes carried by a GoAway frame.</summary>
public enum YamuxGoAwayCode : uint
{
    /// <summary>Normal shutdown.</summary>
    Normal = 0,

    /// <summary>The other side broke the protocol.</summary>
    ProtocolError = 1,

    /// <summary>An internal error.</summary>
    InternalError = 2,
}
