namespace DePinGpu.Protocol.Tests.Support;

/// <summary>What <see cref="JsonRpcProxy"/> does with one request; the error fields are used by the error actions.</summary>
public sealed record ProxyRule(ProxyAction Action, int Code = -32000, string Message = "")
{
    /// <summary>Pass the request to the node and its answer back.</summary>
    public static ProxyRule Forward { get; } = new(ProxyAction.Forward);
}
