namespace DePinGpu.Protocol.Rpc;

/// <summary>
/// The RPC endpoint could not be reached or answered with a transport-level failure (connection refused,
/// timeout, HTTP 5xx or 429). The request may not have been processed; it is safe to retry an idempotent one.
/// </summary>
public sealed class RpcTransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RpcTransportException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
