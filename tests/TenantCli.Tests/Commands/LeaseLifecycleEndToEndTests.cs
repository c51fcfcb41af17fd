using System.Globalization;
using System.Numerics;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Tests.Support;

namespace DePinGpu.TenantCli.Tests.Commands;

/// <summary>
/// The tenant's path on a real anvil with the contracts deployed: wallet → order create (permit: one transaction) →
/// offers from providers driven through src/Protocol → finalize → lease close refunds exactly the contract's refund →
/// withdraw. JSON outputs are checked against their shape snapshots along the way.
/// </summary>
public sealed class LeaseLifecycleEndToEndTests : IClassFixture<DevnetFixture>
{
    private readonly DevnetChain _chain;

    public LeaseLifecycleEndToEndTests(DevnetFixture fixture) => _chain = fixture.Chain;

    [Fact]
    public async Task WalletToOrderToLeaseClose_RefundsWhatTheContractSays()
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var balance = await tenant.JsonAsync("wallet balance");
        JsonShape.Matches("wallet-balance", balance.GetRawText());
        Assert.Equal((DevnetChain.Token * 10_000).ToString(CultureInfo.InvariantCulture), balance.GetProperty("tokenWei").GetString());

        var nonceBefore = await _chain.NonceAsync(tenant.Address);
        var created = await tenant.JsonAsync($"order create {tenant.WriteSpec()} --max-price 1 --duration 2h --gpu RTX4090 --vram 16");
        JsonShape.Matches("order-create", created.GetRawText());
        Assert.Equal(nonceBefore + 1, await _chain.NonceAsync(tenant.Address));
        Assert.Equal("Stateful", created.GetProperty("kind").GetString());
        Assert.Equal(2, created.GetProperty("standbys").GetInt32());
        var pricePerSecond = DevnetChain.Token / 3600;
        Assert.Equal((pricePerSecond * 7200).ToString(CultureInfo.InvariantCulture), created.GetProperty("escrowWei").GetString());
        var orderId = BigInteger.Parse(created.GetProperty("orderId").GetString()!, CultureInfo.InvariantCulture);

        var cheapest = await _chain.RegisterProviderAsync();
        var second = await _chain.RegisterProviderAsync();
        var third = await _chain.RegisterProviderAsync();
        await second.Market.PlaceOfferAsync(orderId, pricePerSecond * 8 / 10, CancellationToken.None);
        await cheapest.Market.PlaceOfferAsync(orderId, pricePerSecond / 2, CancellationToken.None);
        await third.Market.PlaceOfferAsync(orderId, pricePerSecond * 9 / 10, CancellationToken.None);

        var offers = await tenant.JsonAsync($"order offers {orderId}");
        JsonShape.Matches("order-offers", offers.GetRawText());
        Assert.Equal([cheapest.Address, second.Address, third.Address], offers.EnumerateArray().Select(o => o.GetProperty("provider").GetString()!).ToArray(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(["lease", "standby", "standby"], offers.EnumerateArray().Select(o => o.GetProperty("rank").GetString()!).ToArray());

        var finalized = await tenant.JsonAsync($"order finalize {orderId} --yes");
        JsonShape.Matches("order-finalize", finalized.GetRawText());
        var leaseId = finalized.GetProperty("leaseIds")[0].GetString()!;

        var order = await tenant.JsonAsync($"order show {orderId}");
        JsonShape.Matches("order-show", order.GetRawText());
        Assert.Equal("Finalized", order.GetProperty("state").GetString());

        var lease = await tenant.JsonAsync($"lease show {leaseId}");
        JsonShape.Matches("lease-show", lease.GetRawText());
        Assert.Equal(cheapest.Address, lease.GetProperty("provider").GetString(), ignoreCase: true);
        var leases = await tenant.JsonAsync("lease list");
        Assert.Equal([leaseId], leases.EnumerateArray().Select(l => l.GetProperty("leaseId").GetString()!).ToArray());
        var escrow = await tenant.JsonAsync("escrow");
        JsonShape.Matches("escrow", escrow.GetRawText());

        var market = _chain.Connection.Market();
        var withdrawableBefore = await market.WithdrawableAsync(tenant.Address, CancellationToken.None);
        var leaseBefore = (await market.GetLeaseAsync(BigInteger.Parse(leaseId, CultureInfo.InvariantCulture), CancellationToken.None))!;
        var (accrued, _) = await market.SettleableAsync(leaseBefore.LeaseId, CancellationToken.None);
        var closed = await tenant.JsonAsync($"lease close {leaseId} --yes");
        JsonShape.Matches("lease-close", closed.GetRawText());
        var refund = BigInteger.Parse(closed.GetProperty("amountWei").GetString()!, CultureInfo.InvariantCulture);
        var withdrawableAfter = await market.WithdrawableAsync(tenant.Address, CancellationToken.None);
        Assert.Equal(withdrawableAfter - withdrawableBefore, refund);
        Assert.True(refund > 0 && refund <= leaseBefore.Escrow - accrued, $"refund {refund}, escrow {leaseBefore.Escrow}, accrued before close {accrued}");
        Assert.Equal(LeaseState.Closed, (await market.GetLeaseAsync(leaseBefore.LeaseId, CancellationToken.None))!.State);

        var closedShow = await tenant.Cli.RunAsync($"lease show {leaseId} -o json");
        Assert.Equal(1, closedShow.ExitCode);
        Assert.Contains("\"state\": \"Closed\"", closedShow.Output, StringComparison.Ordinal);
        var logsOfClosed = await tenant.Cli.RunAsync($"logs {leaseId} -f");
        Assert.Equal(1, logsOfClosed.ExitCode);
        Assert.Contains($"Lease {leaseId} is closed (TenantClosed)", logsOfClosed.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, logsOfClosed.Output);
        var closeAgain = await tenant.Cli.RunAsync($"lease close {leaseId} --yes");
        Assert.Equal(1, closeAgain.ExitCode);
        Assert.Contains("already closed", closeAgain.Error, StringComparison.Ordinal);

        var withdrawn = await tenant.JsonAsync("withdraw");
        JsonShape.Matches("withdraw", withdrawn.GetRawText());
        Assert.Equal(withdrawableAfter.ToString(CultureInfo.InvariantCulture), withdrawn.GetProperty("amountWei").GetString());
    }

    [Fact]
    public async Task OrderCancel_RefundsTheEscrowAndQuietModePrintsIdsOnly()
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var created = await tenant.Cli.RunAsync($"order create {tenant.WriteSpec()} --max-price 0.5 --duration 1h -q");
        Assert.True(created.ExitCode == 0, created.ToString());
        var orderId = created.Output.Trim();
        Assert.Matches("^[0-9]+$", orderId);

        var list = await tenant.Cli.RunAsync("order list -q");
        Assert.Equal(orderId, list.Output.Trim());
        JsonShape.Matches("order-list", (await tenant.JsonAsync("order list")).GetRawText());

        var refused = await tenant.Cli.RunAsync($"order cancel {orderId}");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("pass --yes", refused.Error, StringComparison.Ordinal);

        var cancelled = await tenant.JsonAsync($"order cancel {orderId} --yes");
        JsonShape.Matches("order-cancel", cancelled.GetRawText());
        Assert.Equal((DevnetChain.Token / 2 / 3600 * 3600).ToString(CultureInfo.InvariantCulture), cancelled.GetProperty("amountWei").GetString());
        Assert.Equal("Cancelled", (await tenant.JsonAsync($"order show {orderId}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task WalletNewAndFund_PrintTheirShapes()
    {
        using var cli = new CliHarness();
        cli.WriteConfig(_chain.ConfigJson(Path.Combine(cli.Home, "wallets"), "fresh", cli.WriteFile("password.txt", "correct horse\n")));
        var created = await cli.RunAsync("wallet new fresh --kdf light -o json");
        Assert.True(created.ExitCode == 0, created.ToString());
        JsonShape.Matches("wallet-new", created.Output);
        var funded = await cli.RunAsync("wallet fund --tokens 3 --ether 1 -o json");
        Assert.True(funded.ExitCode == 0, funded.ToString());
        JsonShape.Matches("wallet-fund", funded.Output);
        var address = System.Text.Json.JsonDocument.Parse(created.Output).RootElement.GetProperty("address").GetString()!;
        Assert.Equal(DevnetChain.Token * 3, await _chain.Connection.Token().BalanceOfAsync(address, CancellationToken.None));
    }

    [Fact]
    public async Task WalletList_AndProviders_PrintTheirShapes()
    {
        using var tenant = await TenantSession.CreateAsync(_chain, fund: false);
        var wallets = await tenant.JsonAsync("wallet list");
        JsonShape.Matches("wallet-list", wallets.GetRawText());
        Assert.True(wallets[0].GetProperty("isDefault").GetBoolean());

        var provider = await _chain.RegisterProviderAsync("A100", 80);
        var matching = await tenant.JsonAsync("providers gpu=a100 vram>=80");
        JsonShape.Matches("providers", matching.GetRawText());
        Assert.Contains(matching.EnumerateArray(), p => string.Equals(p.GetProperty("owner").GetString(), provider.Address, StringComparison.OrdinalIgnoreCase));
        Assert.All(matching.EnumerateArray(), p => Assert.Equal("A100", p.GetProperty("gpuModel").GetString()));
        var none = await tenant.JsonAsync("providers gpu=A100 vram>80");
        Assert.Empty(none.EnumerateArray());
    }
}
