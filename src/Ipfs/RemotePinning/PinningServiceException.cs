using System.Net;

namespace DePinGpu.Ipfs.RemotePinning;

/// <summary>
/// The pinning service refused or failed a request; carries its error body (<c>{"error":{"reason","details"}}</c>), e.g.
/// 401 bad token, 404 unknown request id, 409 insufficient funds.
/// </summary>
public sealed class PinningServiceException : IOException
{
    /// <summary>Creates the exception.</summary>
    public PinningServiceException(string operation, HttpStatusCode statusCode, string reason, string? details)
        : base($"Pinning service {operation} failed ({(int)statusCode} {reason}){(string.IsNullOrEmpty(details) ? "." : ": " + details)}")
    {
        Operation = operation;
        StatusCode = statusCode;
        Reason = reason;
        Details = details;
    }

    /// <summary>What was attempted, e.g. <c>POST /pins</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The service's machine-readable reason (e.g. <c>UNAUTHORIZED</c>), or the status text.</summary>
    public string Reason { get; }

    /// <summary>The service's human-readable details, when given.</summary>
    public string? Details { get; }
}
