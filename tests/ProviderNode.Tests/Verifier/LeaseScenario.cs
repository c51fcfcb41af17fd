using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.ProviderNode.Tests.Verifier;

/// <summary>Drives the market directly through the src/Protocol clients: a tenant, providers, running leases.</summary>
public sealed class LeaseScenario
{
    private static readonly BigInteger MaxPrice = 1_000;

    private LeaseScenario(ProtocolChain chain, WalletKey tenant)
    {
        Chain = chain;
        Tenant = chain.Market(tenant);
    }

    public ProtocolChain Chain { get; }

    /// <summary>The tenant's market client.</summary>
    public MarketClient Tenant { get; }

    public static async Task<LeaseScenario> CreateAsync(ProtocolChain chain) => new(chain, await chain.FundedKeyAsync());

    /// <summary>
    /// One Stateful order with no standby that <paramref name="provider"/> wins, acknowledges and heart-beats once:
    /// returns the Running lease's id. The bid window (also the reopened lease's offer window) is <paramref name="bidWindow"/>.
    /// </summary>
    public async Task<BigInteger> RunningLeaseAsync(TestProvider provider, TimeSpan bidWindow)
    {
        var orderId = await Tenant.CreateOrderAsync(
            new OrderRequest(TestCids.Raw(1), OrderKind.Stateful, "RTX4090", 0, 1, 1, 0, MaxPrice, TimeSpan.FromHours(1), bidWindow, MaxPrice * 3600), CancellationToken.None);
        await provider.Market.PlaceOfferAsync(orderId, MaxPrice, CancellationToken.None);
        var leaseId = (await Tenant.FinalizeOrderAsync(orderId, CancellationToken.None)).FirstLeaseId;
        await provider.Market.AckLeaseAsync(leaseId, 0, CancellationToken.None);
        await provider.Registry.HeartbeatAsync(CancellationToken.None);
        return leaseId;
    }

    /// <summary>Every FaultReported event of the market so far.</summary>
    public async Task<IReadOnlyList<FaultReported>> FaultsAsync()
    {
        var head = await Chain.Anvil.Rpc.GetBlockNumberAsync(CancellationToken.None);
        var logs = await Chain.Anvil.Rpc.GetLogsAsync(new LogFilter(0, head, [Chain.Deployment.Contracts.Market], []), CancellationToken.None);
        return Chain.Connection.Events.DecodeAll(logs).OfType<FaultReported>().ToArray();
    }

    /// <summary>The finder's fee the market owes for reporting one lease of <paramref name="orderId"/>, computed from its terms.</summary>
    public async Task<BigInteger> ExpectedFinderFeeAsync(BigInteger orderId)
    {
        var order = (await Tenant.GetOrderAsync(orderId, CancellationToken.None))!;
        var parameters = await Tenant.GetParametersAsync(CancellationToken.None);
        var slashed = order.StakePerPosition * parameters.SlashBps / 10_000;
        return slashed * parameters.FinderFeeBps / 10_000;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting until " + what);
            }

            await Task.Delay(200);
        }
    }
}
