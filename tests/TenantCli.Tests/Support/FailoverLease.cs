using System.Globalization;
using System.Numerics;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Clients;

namespace DePinGpu.TenantCli.Tests.Support;

/// <summary>
/// A tenant's Stateful lease with one standby on the devnet chain, driven through src/Protocol as provider nodes and a
/// verifier would: the first provider starts it and commits checkpoints; a real reported failover (it stops
/// heart-beating past the order's timeout, the standby heart-beats, a reporter calls reportMissedHeartbeat) hands the
/// lease to the standby, which then acknowledges it.
/// </summary>
public sealed class FailoverLease
{
    /// <summary>The first provider's price: half a token an hour (the order's maximum is one).</summary>
    public static readonly BigInteger FirstPricePerSecond = DevnetChain.Token / 7200;

    private readonly DevnetChain _chain;

    private FailoverLease(DevnetChain chain, BigInteger orderId, BigInteger leaseId, TestProvider first, TestProvider standby)
    {
        _chain = chain;
        OrderId = orderId;
        LeaseId = leaseId;
        First = first;
        Standby = standby;
    }

    /// <summary>The order.</summary>
    public BigInteger OrderId { get; }

    /// <summary>The lease.</summary>
    public BigInteger LeaseId { get; }

    /// <summary>The lease id as the CLI takes it.</summary>
    public string LeaseText => LeaseId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The provider that gets the lease first.</summary>
    public TestProvider First { get; }

    /// <summary>The standby that takes it over.</summary>
    public TestProvider Standby { get; }

    /// <summary>
    /// Places the tenant's order with `depin order create`, gets the first provider's offer (and the standby's when
    /// <paramref name="withStandby"/>; otherwise the second provider stays out until <see cref="OfferReplacementAsync"/>)
    /// and finalizes it with `depin order finalize`.
    /// </summary>
    public static async Task<FailoverLease> CreateAsync(DevnetChain chain, TenantSession tenant, bool withStandby = true)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(tenant);
        // Without a standby the checkpoint cannot be replicated to one: the spec says so.
        var spec = withStandby ? tenant.WriteSpec() : tenant.WriteSpec(TenantSession.Spec[..^1] + ""","checkpoint":{"replicas":0}}""");
        var created = await tenant.Cli.RunAsync($"order create {spec} --max-price 1 --duration 2h --standbys {(withStandby ? 1 : 0)} -q");
        Assert.True(created.ExitCode == 0, created.ToString());
        var orderId = BigInteger.Parse(created.Output.Trim(), CultureInfo.InvariantCulture);
        var first = await chain.RegisterProviderAsync();
        var standby = await chain.RegisterProviderAsync();
        await first.Market.PlaceOfferAsync(orderId, FirstPricePerSecond, CancellationToken.None);
        if (withStandby)
        {
            await standby.Market.PlaceOfferAsync(orderId, FirstPricePerSecond * 3 / 2, CancellationToken.None);
        }

        var leaseText = (await tenant.JsonAsync($"order finalize {orderId} --yes")).GetProperty("leaseIds")[0].GetString()!;
        return new FailoverLease(chain, orderId, BigInteger.Parse(leaseText, CultureInfo.InvariantCulture), first, standby);
    }

    /// <summary>The first provider acknowledges: the lease runs at epoch 0.</summary>
    public Task StartAsync() => First.Market.AckLeaseAsync(LeaseId, 0, CancellationToken.None);

    /// <summary>The provider of <paramref name="epoch"/> commits a checkpoint at <paramref name="step"/>; returns its CID.</summary>
    public async Task<Cid> CommitCheckpointAsync(uint epoch, ulong step)
    {
        var cid = Cid.ForBlock(MulticodecCode.Raw, System.Text.Encoding.UTF8.GetBytes($"lease {LeaseId} step {step}"));
        var provider = epoch == 0 ? First : Standby;
        await provider.Market.CommitCheckpointAsync(LeaseId, epoch, cid, step, 1024, CancellationToken.None);
        return cid;
    }

    /// <summary>
    /// The first provider misses its heartbeats: the chain's clock moves past the order's heartbeat timeout (the
    /// first provider sends nothing), the standby heart-beats, and a third party reports; the market slashes the first
    /// provider and assigns the lease to the standby at epoch 1. Returns the report's receipt.
    /// </summary>
    public async Task<ContractReceipt> ReportMissedHeartbeatAsync()
    {
        var timeout = await _chain.Connection.Market().HeartbeatTimeoutAsync(OrderId, CancellationToken.None);
        await _chain.Connection.Rpc.Client.RequestAsync("evm_increaseTime", [(long)timeout.TotalSeconds + 1], CancellationToken.None);
        await _chain.Connection.Rpc.Client.RequestAsync("evm_mine", [], CancellationToken.None);
        await Standby.Registry.HeartbeatAsync(CancellationToken.None);
        var reporter = await _chain.FundedKeyAsync(0);
        return await _chain.Connection.Market(reporter).ReportMissedHeartbeatAsync([LeaseId], CancellationToken.None);
    }

    /// <summary>The second provider takes the Reassigning lease over (at the first one's price, the order's replacement cap).</summary>
    public Task OfferReplacementAsync() => Standby.Market.OfferReplacementAsync(LeaseId, FirstPricePerSecond, CancellationToken.None);

    /// <summary>The standby acknowledges: the lease runs again at epoch 1 on the new provider.</summary>
    public Task RecoverAsync() => Standby.Market.AckLeaseAsync(LeaseId, 1, CancellationToken.None);
}
