using System.Numerics;
using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.Connectivity;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Hosting;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Tests.Connectivity;

/// <summary>Lease calls against a real chain: transport faults are retried after reading the lease back, never twice.</summary>
public sealed class LeaseCallsTests(LeaseCallsTests.ChainFixture fixture) : IClassFixture<LeaseCallsTests.ChainFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ProtocolChain _chain = fixture.Chain;

    [Fact]
    public async Task TransportFault_IsRetried_AfterReadingTheLeaseBack_AndTheCallGoesThrough()
    {
        var (calls, lease, provider) = await LeaseAsync();
        var attempts = 0;

        var sent = await calls.SendAsync(lease, "ackLease", async ct =>
        {
            if (++attempts == 1)
            {
                throw new RpcTransportException("the RPC is out of reach");
            }

            await provider.Market.AckLeaseAsync(lease.LeaseId, (uint)lease.Epoch, ct);
        }, onChain => onChain.State == LeaseState.Running, None);

        Assert.True(sent);
        Assert.Equal(2, attempts);
        Assert.Equal(LeaseState.Running, (await provider.Market.GetLeaseAsync(lease.LeaseId, None))!.State);
    }

    [Fact]
    public async Task TransportFault_AfterTheCallTookEffect_IsNotSentAgain()
    {
        var (calls, lease, provider) = await LeaseAsync();
        var attempts = 0;

        var sent = await calls.SendAsync(lease, "ackLease", async ct =>
        {
            attempts++;
            await provider.Market.AckLeaseAsync(lease.LeaseId, (uint)lease.Epoch, ct);
            throw new RpcTransportException("the answer was lost");
        }, onChain => onChain.State == LeaseState.Running, None);

        Assert.True(sent);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task TransportFault_ForALeaseThatIsNoLongerOurs_IsDropped()
    {
        var (calls, lease, _) = await LeaseAsync();
        var attempts = 0;

        var sent = await calls.SendAsync(lease with { Epoch = lease.Epoch + 1 }, "commitCheckpoint", _ =>
        {
            attempts++;
            throw new RpcTransportException("the RPC is out of reach");
        }, _ => false, None);

        Assert.False(sent);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task RevertSayingTheLeaseMoved_EndsTheCallCleanly()
    {
        var (calls, lease, provider) = await LeaseAsync();

        var sent = await calls.SendAsync(lease, "ackLease", ct => provider.Market.AckLeaseAsync(lease.LeaseId, (uint)lease.Epoch + 3, ct), _ => false, None);

        Assert.False(sent);
    }

    [Fact]
    public async Task OtherReverts_AreThrown()
    {
        var (calls, lease, _) = await LeaseAsync();

        await Assert.ThrowsAnyAsync<ContractRevertException>(() => calls.SendAsync(lease, "ackLease",
            _ => throw new ContractRevertException("InsufficientEscrow", "ackLease", "the escrow is too small"), _ => false, None));
    }

    private async Task<(LeaseCalls Calls, LeaseEpoch Lease, TestProvider Provider)> LeaseAsync()
    {
        var tenant = _chain.Market(await _chain.FundedKeyAsync());
        var provider = await _chain.RegisterProviderAsync();
        var maxPrice = new BigInteger(1_000_000);
        var orderId = await tenant.CreateOrderWithPermitAsync(
            new OrderRequest(TestCids.Raw(7), OrderKind.Stateful, "RTX4090", 16, 1, 1, 0, maxPrice, TimeSpan.FromDays(1), TimeSpan.FromMinutes(10), maxPrice * 3600 * 4),
            DateTimeOffset.UtcNow.AddHours(1), None);
        await provider.Market.PlaceOfferAsync(orderId, 100, None);
        var leaseId = (await tenant.FinalizeOrderAsync(orderId, None)).FirstLeaseId;
        var account = new ProviderAccount(new ChainSigningKey(provider.Operator), _chain.Connection.Registry());
        var options = Options.Create(new ConnectivityOptions { RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(50) });
        var calls = new LeaseCalls(new ChainConnectivity(), provider.Market, account, options, NullLogger<LeaseCalls>.Instance);
        return (calls, new LeaseEpoch(leaseId, 0), provider);
    }

    /// <summary>One anvil with the contracts per class.</summary>
    public sealed class ChainFixture : IAsyncLifetime
    {
        public ProtocolChain Chain { get; private set; } = null!;

        public async Task InitializeAsync() => Chain = await ProtocolChain.StartAsync();

        public async Task DisposeAsync() => await Chain.DisposeAsync();
    }
}
