namespace DePinGpu.Libp2p.Yamux;

/// <summary>What the session does with an incoming Data frame's payload.</summary>
internal enum YamuxReceiveDecision
{
    /// <summary>Buffer it for the stream's reader.</summary>
    Accept,

    /// <summary>Read and drop it, handing the window back at once (the local reader is gone).</summary>
    DiscardAndCredit,

    /// <summary>The frame breaks the protocol (window exceeded, data after FIN).</summary>
    Violation,
}
