namespace DePinGpu.Ipfs.Kubo;

/// <summary>
/// Kubo failed after its answer had started streaming (status 200 already sent): the error arrived in the
/// <c>X-Stream-Error</c> trailer, so the output read so far is incomplete and must be discarded.
/// </summary>
public sealed class KuboStreamException : KuboRpcException
{
    /// <summary>Creates the exception with the trailer's message.</summary>
    public KuboStreamException(string command, string trailerMessage)
        : base(command, statusCode: null, $"the stream broke off: {trailerMessage}")
    {
        TrailerMessage = trailerMessage;
    }

    /// <summary>The <c>X-Stream-Error</c> trailer, verbatim.</summary>
    public string TrailerMessage { get; }
}
