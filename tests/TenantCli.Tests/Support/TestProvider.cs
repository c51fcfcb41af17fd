using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.TenantCli.Tests.Support;

/// <summary>A registered provider driven by the test: its owner key and its operator's market client (which places offers).</summary>
public sealed record TestProvider(WalletKey Owner, MarketClient Market)
{
    /// <summary>The provider id (owner address).</summary>
    public string Address => Owner.Address;
}
