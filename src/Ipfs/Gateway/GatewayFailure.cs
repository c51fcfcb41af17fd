using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>One failed attempt: which gateway, for which CID, and why (the message names both).</summary>
/// <param name="Gateway">The gateway's base address.</param>
/// <param name="Cid">The block (or CAR root) requested.</param>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Message">A sentence naming the gateway and the CID.</param>
public sealed record GatewayFailure(Uri Gateway, Cid Cid, GatewayFailureKind Kind, string Message)
{
    /// <summary>True when trying the same gateway again later may succeed.</summary>
    public bool IsTransient => Kind is GatewayFailureKind.Timeout or GatewayFailureKind.Network or GatewayFailureKind.HttpStatus;
}
