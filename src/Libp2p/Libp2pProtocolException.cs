namespace DePinGpu.Libp2p;

/// <summary>
/// The remote peer broke a libp2p wire protocol (malformed frame, bad signature, window violation…). The
/// connection it arrived on is closed; other connections are unaffected.
/// </summary>
public class Libp2pProtocolException : IOException
{
    /// <summary>Creates the exception with a message naming the violation.</summary>
    public Libp2pProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public Libp2pProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
