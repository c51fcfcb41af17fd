using System.Numerics;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Deployment;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;
using Nethereum.Contracts;
using Extension = DePinGpu.Protocol.Contracts.LeaseMarketExtension.ContractDefinition;

namespace DePinGpu.Protocol.Bench;

/// <summary>Deployed contracts with one running lease whose tenant can top it up (each top-up: one market event).</summary>
internal sealed class MarketFixture
{
    public static readonly TransactionOptions FastSends = new() { ReceiptPollInterval = TimeSpan.FromMilliseconds(5) };

    private MarketFixture(DeploymentInfo deployment, RevertDecoder reverts, WalletKey tenant, WalletKey operatorKey, BigInteger leaseId, ulong startBlock)
    {
        Deployment = deployment;
        Reverts = reverts;
        Tenant = tenant;
        Operator = operatorKey;
        LeaseId = leaseId;
        StartBlock = startBlock;
    }

    public DeploymentInfo Deployment { get; }

    public RevertDecoder Reverts { get; }

    public WalletKey Tenant { get; }

    public WalletKey Operator { get; }

    public BigInteger LeaseId { get; }

    public ulong StartBlock { get; set; }

    public ProtocolEventDecoder Decoder => new(Deployment.Contracts.Registry, Deployment.Contracts.Market);

    public static async Task<MarketFixture> CreateAsync(BenchChain chain)
    {
        var none = CancellationToken.None;
        var reverts = ContractErrors.CreateDecoder();
        var admin = chain.Accounts[0];
        var adminSender = new TransactionSender(chain.Rpc, admin, 31337, reverts, FastSends);
        var deployment = await new ContractsDeployer(chain.Rpc, adminSender).DeployAsync(DeploymentParameters.Devnet(admin.Address) with { HeartbeatTimeout = 86_400 }, null, none);
        var events = new ProtocolEventDecoder(deployment.Contracts.Registry, deployment.Contracts.Market);
        var adminToken = new TokenClient(chain.Rpc, deployment.Contracts.StakeToken, adminSender, reverts);
        var tenant = chain.Accounts[1];
        var owner = chain.Accounts[2];
        var operatorKey = chain.Accounts[3];
        await adminToken.MintAsync(tenant.Address, BigInteger.Pow(10, 30), none);
        await adminToken.MintAsync(owner.Address, BigInteger.Pow(10, 30), none);
        Sender Clients(WalletKey key)
        {
            var sender = new TransactionSender(chain.Rpc, key, 31337, reverts, FastSends);
            var token = new TokenClient(chain.Rpc, deployment.Contracts.StakeToken, sender, reverts);
            return new Sender(
                new RegistryClient(chain.Rpc, deployment.Contracts.Registry, token, sender, reverts, events),
                new MarketClient(chain.Rpc, deployment.Contracts.Market, token, key, 31337, sender, reverts, events),
                token);
        }

        await Clients(owner).Registry.RegisterAsync(operatorKey, "RTX4090", 1, 24, Cid.FromBytes([1, 0x55, 0x12, 0x20, .. new byte[32]]), BigInteger.Pow(10, 22), none);
        var tenantClients = Clients(tenant);
        var request = new OrderRequest(Cid.FromBytes([1, 0x55, 0x12, 0x20, .. new byte[32]]), OrderKind.Stateless, "", 0, 1, 1, 0, 1000, TimeSpan.FromDays(30), TimeSpan.FromMinutes(5), 1000 * 3600 * 10);
        var orderId = await tenantClients.Market.CreateOrderAsync(request, none);
        await Clients(operatorKey).Market.PlaceOfferAsync(orderId, 500, none);
        var leaseId = (await tenantClients.Market.FinalizeOrderAsync(orderId, none)).FirstLeaseId;
        await Clients(operatorKey).Market.AckLeaseAsync(leaseId, 0, none);
        await tenantClients.Token.ApproveAsync(deployment.Contracts.Market, BigInteger.Pow(10, 29), none);
        return new MarketFixture(deployment, reverts, tenant, operatorKey, leaseId, await chain.Rpc.GetBlockNumberAsync(none) + 1);
    }

    /// <summary>Sends <paramref name="count"/> top-ups (one LeaseToppedUp each), eight in flight at a time.</summary>
    public async Task ProduceTopUpsAsync(BenchChain chain, int count)
    {
        var sender = new TransactionSender(chain.Rpc, Tenant, 31337, Reverts, FastSends);
        var intent = TransactionIntent.Create(Deployment.Contracts.Market, new Extension.TopUpFunction { LeaseId = LeaseId, Amount = 1 }.GetCallData(), "top up");
        using var slots = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await slots.WaitAsync();
            try
            {
                await sender.SendAsync(intent, CancellationToken.None);
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    private sealed record Sender(RegistryClient Registry, MarketClient Market, TokenClient Token);
}
