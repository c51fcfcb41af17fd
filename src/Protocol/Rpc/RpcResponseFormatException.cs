namespace DePinGpu.Protocol.Rpc;

/// <summary>The node's answer was not valid JSON-RPC or lacked a field this library needs.</summary>
public sealed class RpcResponseFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RpcResponseFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
