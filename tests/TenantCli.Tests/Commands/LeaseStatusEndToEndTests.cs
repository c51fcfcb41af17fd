using System.Globalization;
using System.Numerics;
using System.Text.Json;
using DePinGpu.TenantCli.Tests.Support;

namespace DePinGpu.TenantCli.Tests.Commands;

/// <summary>
/// What <c>lease show|list|watch|top-up</c> tell on a real anvil, checked against the contracts: the provider's
/// on-chain heartbeat, the last checkpoint's CID, the hand-over count across a real reported failover, the escrow left
/// and the time it buys.
/// </summary>
public sealed class LeaseStatusEndToEndTests : IClassFixture<DevnetFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly DevnetChain _chain;

    public LeaseStatusEndToEndTests(DevnetFixture fixture) => _chain = fixture.Chain;

    [Fact]
    public async Task LeaseShowAndList_ShowTheCommittedCidTheHeartbeatAndCountAReportedHandOver()
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var lease = await FailoverLease.CreateAsync(_chain, tenant);
        await lease.StartAsync();
        var running = await tenant.JsonAsync($"lease show {lease.LeaseText}");
        JsonShape.Matches("lease-show", running.GetRawText());
        Assert.Equal(0, running.GetProperty("handOvers").GetInt32());
        Assert.Equal(JsonValueKind.Null, running.GetProperty("checkpointCid").ValueKind);
        Assert.Equal((await HeartbeatAsync(lease.First)).ToUnixTimeSeconds(), running.GetProperty("lastHeartbeatAt").GetDateTimeOffset().ToUnixTimeSeconds());

        var cid = await lease.CommitCheckpointAsync(0, 40);
        var committed = await tenant.JsonAsync($"lease show {lease.LeaseText}");
        Assert.Equal(cid.ToString(), committed.GetProperty("checkpointCid").GetString());
        Assert.Equal(40UL, committed.GetProperty("checkpointStep").GetUInt64());

        await lease.ReportMissedHeartbeatAsync();
        var handedOver = await tenant.JsonAsync($"lease show {lease.LeaseText}");
        Assert.Equal(1, handedOver.GetProperty("handOvers").GetInt32());
        Assert.Equal(1U, handedOver.GetProperty("epoch").GetUInt32());
        Assert.Equal(lease.Standby.Address, handedOver.GetProperty("provider").GetString(), ignoreCase: true);
        Assert.Equal((await HeartbeatAsync(lease.Standby)).ToUnixTimeSeconds(), handedOver.GetProperty("lastHeartbeatAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(cid.ToString(), handedOver.GetProperty("checkpointCid").GetString());

        var listed = await tenant.JsonAsync("lease list");
        JsonShape.Matches("lease-list", listed.GetRawText());
        var row = Assert.Single(listed.EnumerateArray());
        Assert.Equal(1, row.GetProperty("handOvers").GetInt32());
        Assert.Equal(cid.ToString(), row.GetProperty("checkpointCid").GetString());

        var text = await tenant.Cli.RunAsync("lease list");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("HAND-OVERS", text.Output, StringComparison.Ordinal);
        Assert.Contains($"step 40, {cid}", text.Output, StringComparison.Ordinal);
        var shown = await tenant.Cli.RunAsync($"lease show {lease.LeaseText}");
        Assert.Matches(@"hand-overs:\s+1\s", shown.Output);
        Assert.Matches(@"last heartbeat:\s+\d+s ago", shown.Output);
        Assert.Matches(@"escrow left:\s+[0-9.]+ \(buys ", shown.Output);
    }

    [Fact]
    public async Task LeaseTopUp_GrowsTheEscrowByExactlyTheAmountAndTheTimeItBuys()
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var lease = await FailoverLease.CreateAsync(_chain, tenant);
        var market = _chain.Connection.Market();

        // Not yet acknowledged: nothing accrues, so the time the escrow buys moves only with the top-up.
        var before = await tenant.JsonAsync($"lease show {lease.LeaseText}");
        var escrowBefore = (await market.GetLeaseAsync(lease.LeaseId, CancellationToken.None))!.Escrow;
        Assert.Equal(escrowBefore.ToString(CultureInfo.InvariantCulture), before.GetProperty("escrowLeftWei").GetString());
        Assert.Equal((long)(escrowBefore / FailoverLease.FirstPricePerSecond), before.GetProperty("escrowBuysSeconds").GetInt64());

        var toppedUp = await tenant.JsonAsync($"lease top-up {lease.LeaseText} --amount 1.5");
        JsonShape.Matches("lease-top-up", toppedUp.GetRawText());
        var amount = DevnetChain.Token * 3 / 2;
        Assert.Equal(amount.ToString(CultureInfo.InvariantCulture), toppedUp.GetProperty("amountWei").GetString());
        var escrowAfter = (await market.GetLeaseAsync(lease.LeaseId, CancellationToken.None))!.Escrow;
        Assert.Equal(escrowBefore + amount, escrowAfter);

        var after = await tenant.JsonAsync($"lease show {lease.LeaseText}");
        Assert.Equal(escrowAfter.ToString(CultureInfo.InvariantCulture), after.GetProperty("escrowLeftWei").GetString());
        Assert.Equal((long)(escrowAfter / FailoverLease.FirstPricePerSecond), after.GetProperty("escrowBuysSeconds").GetInt64());
        Assert.InRange(after.GetProperty("escrowBuysSeconds").GetInt64() - before.GetProperty("escrowBuysSeconds").GetInt64(), 3 * 3600 - 1, 3 * 3600 + 1);

        var zero = await tenant.Cli.RunAsync($"lease top-up {lease.LeaseText} --amount 0");
        Assert.Equal(2, zero.ExitCode);
        Assert.Equal(escrowAfter, (await market.GetLeaseAsync(lease.LeaseId, CancellationToken.None))!.Escrow);
    }

    [Fact]
    public async Task LeaseWatchJson_PrintsALinePerChangeThroughAReportedFailoverAndEndsWithTheLease()
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var lease = await FailoverLease.CreateAsync(_chain, tenant);
        await using var watch = CliProcess.Start(tenant.Cli, "lease", "watch", lease.LeaseText, "-o", "json");
        var starting = await NextAsync(watch);
        JsonShape.Matches("lease-watch", starting.GetRawText());
        Assert.Equal(("STARTING", 0U, 0), Summary(starting));

        await lease.StartAsync();
        Assert.Equal(("RUNNING", 0U, 0), Summary(await NextAsync(watch)));
        var cid = await lease.CommitCheckpointAsync(0, 7);
        var committed = await NextAsync(watch);
        Assert.Equal(cid.ToString(), committed.GetProperty("checkpointCid").GetString());
        Assert.Equal(7UL, committed.GetProperty("checkpointStep").GetUInt64());

        await lease.ReportMissedHeartbeatAsync();
        var recovering = await NextAsync(watch);
        Assert.Equal(("RECOVERING", 1U, 1), Summary(recovering));
        Assert.Equal(lease.Standby.Address, recovering.GetProperty("provider").GetString(), ignoreCase: true);
        await lease.RecoverAsync();
        var recovered = await NextAsync(watch);
        Assert.Equal(("RUNNING", 1U, 1), Summary(recovered));
        Assert.Equal(cid.ToString(), recovered.GetProperty("checkpointCid").GetString());

        Assert.Equal(0, (await tenant.Cli.RunAsync($"lease close {lease.LeaseText} --yes")).ExitCode);
        var closed = await NextAsync(watch);
        Assert.Equal("CLOSED", closed.GetProperty("phase").GetString());
        Assert.Equal("TenantClosed", closed.GetProperty("closeReason").GetString());
        Assert.Equal(1, await watch.WaitForExitAsync(Patience));
    }

    [Fact]
    public async Task LeaseWatchJson_WithoutAStandby_StaysRecoveringWithNoProviderUntilAReplacementRunsIt()
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var lease = await FailoverLease.CreateAsync(_chain, tenant, withStandby: false);
        await lease.StartAsync();
        await using var watch = CliProcess.Start(tenant.Cli, "lease", "watch", lease.LeaseText, "-o", "json");
        Assert.Equal(("RUNNING", 0U, 0), Summary(await NextAsync(watch)));

        await lease.ReportMissedHeartbeatAsync();
        var reopened = await NextAsync(watch);
        Assert.Equal(("RECOVERING", 1U, 1), Summary(reopened));
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("provider").ValueKind);
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("lastHeartbeatAt").ValueKind);

        await lease.OfferReplacementAsync();
        var replaced = await NextAsync(watch);
        Assert.Equal(("RECOVERING", 1U, 1), Summary(replaced));
        Assert.Equal(lease.Standby.Address, replaced.GetProperty("provider").GetString(), ignoreCase: true);
        await lease.RecoverAsync();
        Assert.Equal(("RUNNING", 1U, 1), Summary(await NextAsync(watch)));

        Assert.Equal(0, (await tenant.Cli.RunAsync($"lease close {lease.LeaseText} --yes")).ExitCode);
        Assert.Equal("CLOSED", (await NextAsync(watch)).GetProperty("phase").GetString());
        Assert.Equal(1, await watch.WaitForExitAsync(Patience));
    }

    private static async Task<JsonElement> NextAsync(DePinGpu.TestSupport.ExternalProcess watch) =>
        JsonDocument.Parse(await watch.ReadLineAsync(Patience)).RootElement.Clone();

    private static (string Phase, uint Epoch, int HandOvers) Summary(JsonElement line) =>
        (line.GetProperty("phase").GetString()!, line.GetProperty("epoch").GetUInt32(), line.GetProperty("handOvers").GetInt32());

    private async Task<DateTimeOffset> HeartbeatAsync(TestProvider provider) =>
        (await _chain.Connection.Registry().GetProviderAsync(provider.Address, CancellationToken.None))!.LastHeartbeat;
}
