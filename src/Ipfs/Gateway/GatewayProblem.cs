namespace DePinGpu.Ipfs.Gateway;

/// <summary>A request the gateway answers with an error status and a sentence saying what to change.</summary>
internal sealed record GatewayProblem(int StatusCode, string Message);
