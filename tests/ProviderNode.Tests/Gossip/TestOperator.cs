using DePinGpu.Libp2p.Identity;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.ProviderNode.Tests.Gossip;

/// <summary>An operator key and the provider (owner) address it serves.</summary>
internal sealed record TestOperator(WalletKey Key, string Provider)
{
    public PeerId PeerId => Key.PeerId;
}
