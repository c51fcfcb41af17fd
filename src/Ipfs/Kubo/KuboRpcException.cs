using System.Net;

namespace DePinGpu.Ipfs.Kubo;

/// <summary>
/// Kubo refused or failed a command: its error body (<c>{"Message","Code","Type":"error"}</c>) or status, with Kubo's own
/// message so the operator can act on it.
/// </summary>
public class KuboRpcException : IOException
{
    /// <summary>Creates the exception.</summary>
    public KuboRpcException(string command, HttpStatusCode? statusCode, string kuboMessage, int? code = null, Exception? innerException = null)
        : base(Describe(command, statusCode, kuboMessage), innerException)
    {
        Command = command;
        StatusCode = statusCode;
        KuboMessage = kuboMessage;
        Code = code;
    }

    /// <summary>The RPC command, e.g. <c>pin/add</c>.</summary>
    public string Command { get; }

    /// <summary>The HTTP status, when the failure came with one.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Kubo's message, verbatim.</summary>
    public string KuboMessage { get; }

    /// <summary>Kubo's error code (0 normal, 1 client error, 2 implementation error), when given.</summary>
    public int? Code { get; }

    private static string Describe(string command, HttpStatusCode? statusCode, string kuboMessage)
    {
        var hint = statusCode switch
        {
            HttpStatusCode.Forbidden => " Kubo refused the request: check API.HTTPHeaders and that no Origin header is sent.",
            HttpStatusCode.NotFound => " Is the address Kubo's RPC API (port 5001, not the gateway), and is Kubo recent enough for this command?",
            HttpStatusCode.MethodNotAllowed => " The RPC API accepts POST only.",
            _ => string.Empty,
        };
        var status = statusCode is { } value ? $" ({(int)value})" : string.Empty;
        return $"Kubo {command} failed{status}: {kuboMessage}{hint}";
    }
}
