namespace DePinGpu.Libp2p.Yamux;

/// <summary>Yamux frame types (specs <c>yamux/README.md</c>).</summary>
public enum YamuxFrameType : byte
{
    /// <summary>Stream data; the length is the payload size.</summary>
    Data = 0,

    /// <summary>Adds the length to the stream's send window.</summary>
    WindowUpdate = 1,

    /// <summary>Ping on stream 0; the length is an opaque value echoed back.</summary>
    Ping = 2,

    /// <summary>Session shutdown on stream 0; the length is a <see cref="YamuxGoAwayCode"/>.</summary>
    GoAway = 3,
}
