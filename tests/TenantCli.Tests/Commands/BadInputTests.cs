using System.Text.RegularExpressions;
using DePinGpu.Protocol.Deployment;
using DePinGpu.TenantCli.Tests.Support;
using DePinGpu.TestSupport;

namespace DePinGpu.TenantCli.Tests.Commands;

/// <summary>Bad input and broken setups: each is one clear sentence on stderr with its exit code, and nothing is sent.</summary>
public sealed partial class BadInputTests : IClassFixture<DevnetFixture>
{
    private readonly DevnetChain _chain;

    public BadInputTests(DevnetFixture fixture) => _chain = fixture.Chain;

    [Theory]
    [InlineData("""{"schemaVersion":1,"runtime":"process","command":["/bin/true"],"resources":{"gpus":1},"colour":"red"}""", "colour")]
    [InlineData("""{"schemaVersion":1,"runtime":"process","command":["/bin/true"],"resources":{"gpus":1},"gracePeriodSeconds":99999}""", "gracePeriodSeconds")]
    [InlineData("""{"schemaVersion":2,"runtime":"process","command":["/bin/true"]}""", "schemaVersion")]
    [InlineData("""not json""", "not a valid job spec")]
    public async Task OrderCreate_InvalidSpec_IsAUsageErrorAndSendsNothing(string spec, string expected)
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var nonce = await _chain.NonceAsync(tenant.Address);
        var result = await tenant.Cli.RunAsync($"order create {tenant.WriteSpec(spec)} --max-price 1 --duration 2h");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a valid job spec; nothing was sent", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.Equal(nonce, await _chain.NonceAsync(tenant.Address));
    }

    [Theory]
    [InlineData("--replicas 0", "--replicas is 0; it must be between 1 and 255")]
    [InlineData("--replicas 300", "--replicas is 300")]
    [InlineData("--standbys 0", "need at least as many standbys")]
    [InlineData("--bid-window forever", "--bid-window must be a duration")]
    [InlineData("--escrow -3", "--escrow must be a token amount")]
    public async Task OrderCreate_OutOfRangeValue_IsAUsageErrorAndSendsNothing(string flags, string expected)
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var nonce = await _chain.NonceAsync(tenant.Address);
        var result = await tenant.Cli.RunAsync($"order create {tenant.WriteSpec()} --max-price 1 --duration 2h {flags}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Equal(nonce, await _chain.NonceAsync(tenant.Address));
    }

    [Fact]
    public async Task OrderCreate_MissingSpecFile_SaysWhichFile()
    {
        using var tenant = await TenantSession.CreateAsync(_chain, fund: false);
        var result = await tenant.Cli.RunAsync("order create /nonexistent/job.json --max-price 1 --duration 2h");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("depin: error: No job spec at /nonexistent/job.json: give the path of a job.json (docs/job-spec.md).\n", result.Error);
    }

    [Fact]
    public async Task UnknownLeaseAndOrder_AreNotFound()
    {
        using var tenant = await TenantSession.CreateAsync(_chain, fund: false);
        var lease = await tenant.Cli.RunAsync("lease show 999999");
        Assert.Equal(6, lease.ExitCode);
        Assert.Contains("There is no lease 999999 on chain 31337", lease.Error, StringComparison.Ordinal);
        var order = await tenant.Cli.RunAsync("order show 424242");
        Assert.Equal(6, order.ExitCode);
        var badId = await tenant.Cli.RunAsync("lease show abc");
        Assert.Equal(2, badId.ExitCode);
        Assert.Contains("lease must be a positive whole number", badId.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_IsAWalletErrorAndSendsNothing()
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var nonce = await _chain.NonceAsync(tenant.Address);
        var wrong = tenant.Cli.WriteFile("wrong.txt", "battery staple");
        var result = await tenant.Cli.RunAsync($"order create {tenant.WriteSpec()} --max-price 1 --duration 2h --password-file {wrong}");
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("Cannot unlock wallet 'tenant'", result.Error, StringComparison.Ordinal);
        Assert.Contains("password does not unlock", result.Error, StringComparison.Ordinal);
        Assert.Equal(nonce, await _chain.NonceAsync(tenant.Address));
    }

    [Fact]
    public async Task RpcDown_IsAConfigurationErrorSayingWhatToDo()
    {
        using var tenant = await TenantSession.CreateAsync(_chain, fund: false);
        var result = await tenant.Cli.RunAsync($"order list --rpc-url http://127.0.0.1:{FreePort.Next()}");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("unreachable or not an Ethereum node", result.Error, StringComparison.Ordinal);
        Assert.Contains("start the node or fix rpcUrl (--rpc-url)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeploymentFileForAnotherChain_IsAConfigurationErrorAndSendsNothing()
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var nonce = await _chain.NonceAsync(tenant.Address);
        var other = _chain.Connection.Deployment with { ChainId = 5 };
        var directory = Path.Combine(tenant.Cli.Home, "deployments");
        var file = await DeploymentFile.WriteAsync(directory, other, CancellationToken.None);
        var result = await tenant.Cli.RunAsync($"order create {tenant.WriteSpec()} --max-price 1 --duration 2h --deployment {file}");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("is for chain 5, not 31337", result.Error, StringComparison.Ordinal);
        Assert.Equal(nonce, await _chain.NonceAsync(tenant.Address));
    }

    [Fact]
    public async Task ContractRevert_IsNamedAndExplainedNeverHex()
    {
        using var owner = await TenantSession.CreateAsync(_chain);
        using var stranger = await TenantSession.CreateAsync(_chain);
        var orderId = (await owner.Cli.RunAsync($"order create {owner.WriteSpec()} --max-price 1 --duration 2h -q")).Output.Trim();

        var notTenant = await stranger.Cli.RunAsync($"order cancel {orderId} --yes");
        Assert.Equal(5, notTenant.ExitCode);
        Assert.Contains("(NotTenant)", notTenant.Error, StringComparison.Ordinal);
        Assert.Contains($"): {stranger.Address} did not place order {orderId}; use the wallet that did (--wallet NAME; see `depin wallet list`).", notTenant.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(LongHex(), notTenant.Error);

        var nothing = await stranger.Cli.RunAsync("withdraw");
        Assert.Equal(5, nothing.ExitCode);
        Assert.Contains("(NothingToWithdraw)", nothing.Error, StringComparison.Ordinal);
        Assert.Contains("has nothing to withdraw: refunds arrive when an order is cancelled or a lease closes; see `depin escrow`.", nothing.Error, StringComparison.Ordinal);
        Assert.DoesNotMatch(LongHex(), nothing.Error);

        var tooLittle = await stranger.Cli.RunAsync($"order create {stranger.WriteSpec()} --max-price 1 --duration 2h --escrow 1wei");
        Assert.Equal(5, tooLittle.ExitCode);
        Assert.Contains("rejected by the contract (EscrowTooLow): an escrow of 0.000000000000000001 tokens is below the ", tooLittle.Error, StringComparison.Ordinal);
        Assert.DoesNotMatch(LongHex(), tooLittle.Error);
    }

    [Fact]
    public async Task WalletFund_OnAnotherChain_IsRefused()
    {
        using var tenant = await TenantSession.CreateAsync(_chain, fund: false);
        var result = await tenant.Cli.RunAsync("wallet fund --chain-id 1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("works only on the devnet (chain 31337)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_OnAHealthySetup_PassesAndOnABrokenOneSaysWhatToFix()
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var healthy = await tenant.Cli.RunAsync("doctor -o json");
        Assert.True(healthy.ExitCode == 0, healthy.ToString());
        JsonShape.Matches("doctor", healthy.Output);

        var broken = await tenant.Cli.RunAsync($"doctor --rpc-url http://127.0.0.1:{FreePort.Next()} --wallet nobody --gateway http://127.0.0.1:{FreePort.Next()}");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("Start the chain", broken.Output, StringComparison.Ordinal);
        Assert.Contains("No wallet 'nobody'", broken.Output, StringComparison.Ordinal);
        Assert.Contains("Start depin-node run there", broken.Output, StringComparison.Ordinal);

        var noDeployment = await tenant.Cli.RunAsync("doctor --deployment /nonexistent/31337.json");
        Assert.Equal(1, noDeployment.ExitCode);
        Assert.Contains("No deployment file at /nonexistent/31337.json", noDeployment.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", noDeployment.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_ChecksTheMarketsAllowanceAndPermitSupport()
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var key = await DePinGpu.Protocol.Wallets.KeystoreFile.UnlockAsync(Path.Combine(tenant.Cli.Home, "wallets", "tenant.json"), "correct horse", CancellationToken.None);
        await _chain.Connection.Token(key).ApproveAsync(_chain.Connection.Deployment.Contracts.Market, DevnetChain.Token * 5, CancellationToken.None);

        var result = await tenant.Cli.RunAsync("doctor -o json");
        Assert.True(result.ExitCode == 0, result.ToString());
        var allowance = System.Text.Json.JsonDocument.Parse(result.Output).RootElement.EnumerateArray().Single(check => check.GetProperty("check").GetString() == "allowance");
        Assert.Equal("ok", allowance.GetProperty("status").GetString());
        Assert.StartsWith("the market may take 5 tokens without asking; the token takes permits (", allowance.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await _chain.Connection.Token(key).ApproveAsync(_chain.Connection.Deployment.Contracts.Market, 0, CancellationToken.None);
        var text = await tenant.Cli.RunAsync("doctor");
        Assert.Contains("the market may take 0 tokens without asking", text.Output, StringComparison.Ordinal);
    }

    // A revert blob or raw calldata (an address is 40 hex digits; a hash 64, but no hash is expected here either).
    [GeneratedRegex("0x[0-9a-fA-F]{41,}")]
    private static partial Regex LongHex();
}
