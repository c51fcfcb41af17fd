using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.TenantCli.Tests.Support;

/// <summary>A registered provider driven by the test: its owner key and its operator's market and registry clients (offers, acks, heartbeats).</summary>
public sealed record TestProvider(WalletKey Owner, MarketClient Market, RegistryClient Registry)
{
    /// <summary>The provider id (owner address).</summary>
    public string Address => Owner.Address;
}
