namespace DePinGpu.Ipfs.Gateway;

/// <summary>A CAR response reached one of the gateway's limits while streaming; the response is cut.</summary>
internal sealed class ResponseLimitException : IOException
{
    public ResponseLimitException(string message)
        : base(message)
    {
    }
}
