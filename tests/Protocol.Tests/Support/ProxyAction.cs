namespace DePinGpu.Protocol.Tests.Support;

/// <summary>The ways <see cref="JsonRpcProxy"/> can treat a request.</summary>
public enum ProxyAction
{
    /// <summary>Pass it on and return the node's answer.</summary>
    Forward,

    /// <summary>Answer with a JSON-RPC error without asking the node.</summary>
    Refuse,

    /// <summary>Pass it on (the node acts on it), then cut the connection before any answer.</summary>
    ForwardThenCut,

    /// <summary>Pass it on (the node acts on it), then answer with a JSON-RPC error instead of the node's answer.</summary>
    ForwardThenAnswerError,
}
