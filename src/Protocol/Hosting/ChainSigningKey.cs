using DePinGpu.Protocol.Wallets;

namespace DePinGpu.Protocol.Hosting;

/// <summary>The key the host's chain clients send transactions from (the operator key on a provider node).</summary>
/// <param name="Key">The unlocked key.</param>
public sealed record ChainSigningKey(WalletKey Key);
