namespace DePinGpu.Protocol.Tests.Support;

/// <summary>What <see cref="ScriptedChain"/> answers instead of the chain's own answer (a fault to inject).</summary>
/// <param name="HttpStatus">The HTTP status of the answer.</param>
/// <param name="Body">The answer's body; {id} is replaced by the request's id.</param>
public sealed record ScriptedAnswer(int HttpStatus, string Body)
{
    /// <summary>A JSON-RPC error object: the node refused the request.</summary>
    public static ScriptedAnswer Error(int code, string message) =>
        new(200, "{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}");

    /// <summary>HTTP 503: the endpoint is down (a transport failure).</summary>
    public static ScriptedAnswer Unavailable { get; } = new(503, "");

    /// <summary>A result that is no block and no log list (a malformed answer).</summary>
    public static ScriptedAnswer Malformed { get; } = new(200, "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":42}");
}
