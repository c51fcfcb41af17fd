namespace DePinGpu.Protocol.Rpc;

/// <summary>The node answered a JSON-RPC request with an error object (the request reached the node).</summary>
public sealed class RpcErrorException : Exception
{
    /// <summary>Creates the exception from the error object's fields.</summary>
    public RpcErrorException(string method, int code, string rpcMessage, string? data)
        : base($"The node rejected {method}: {rpcMessage} (code {code}).")
    {
        Method = method;
        Code = code;
        RpcMessage = rpcMessage;
        Data = data;
    }

    /// <summary>The JSON-RPC method that failed.</summary>
    public string Method { get; }

    /// <summary>The JSON-RPC error code.</summary>
    public int Code { get; }

    /// <summary>The node's error message.</summary>
    public string RpcMessage { get; }

    /// <summary>The error's <c>data</c> field as hex (revert data) or raw JSON text, when present.</summary>
    public new string? Data { get; }
}
