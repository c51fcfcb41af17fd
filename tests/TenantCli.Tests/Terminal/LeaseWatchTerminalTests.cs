using System.Globalization;
using System.Numerics;
using DePinGpu.TenantCli.Tests.Support;

namespace DePinGpu.TenantCli.Tests.Terminal;

/// <summary>
/// What a person sees: <c>depin lease watch</c> in a real terminal (tmux) while the lease starts, runs, is handed over
/// to the standby (a failover: STARTING at epoch 1 on the new provider, then RUNNING) and is closed; the screen is
/// captured and checked line by line.
/// </summary>
public sealed class LeaseWatchTerminalTests : IClassFixture<DevnetFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly DevnetChain _chain;

    public LeaseWatchTerminalTests(DevnetFixture fixture) => _chain = fixture.Chain;

    [Fact]
    public async Task LeaseWatch_InATerminal_ShowsTheFailoverAsItHappensAndEndsWithTheLease()
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var orderId = BigInteger.Parse((await tenant.Cli.RunAsync($"order create {tenant.WriteSpec()} --max-price 1 --duration 2h --standbys 1 -q")).Output.Trim(), CultureInfo.InvariantCulture);
        var first = await _chain.RegisterProviderAsync();
        var second = await _chain.RegisterProviderAsync();
        await first.Market.PlaceOfferAsync(orderId, 100, CancellationToken.None);
        await second.Market.PlaceOfferAsync(orderId, 200, CancellationToken.None);
        var leaseText = (await tenant.JsonAsync($"order finalize {orderId} --yes")).GetProperty("leaseIds")[0].GetString()!;
        var leaseId = BigInteger.Parse(leaseText, CultureInfo.InvariantCulture);

        var program = Path.Combine(AppContext.BaseDirectory, "depin.dll");
        await using var terminal = await TmuxSession.StartAsync($"dotnet {program} lease watch {leaseText}", new Dictionary<string, string> { ["HOME"] = tenant.Cli.Home, ["TERM"] = "xterm-256color" });
        await terminal.WaitForAsync("STARTING", Patience);

        await first.Market.AckLeaseAsync(leaseId, 0, CancellationToken.None);
        await terminal.WaitForAsync($"RUNNING  {first.Address}", Patience);
        await second.Registry.HeartbeatAsync(CancellationToken.None);
        await first.Market.ReleaseLeaseAsync(leaseId, 0, CancellationToken.None);
        await terminal.WaitForAsync($"STARTING  {second.Address} epoch 1", Patience);
        await second.Market.AckLeaseAsync(leaseId, 1, CancellationToken.None);
        await terminal.WaitForAsync($"RUNNING  {second.Address} epoch 1", Patience);
        Assert.Equal(0, (await tenant.Cli.RunAsync($"lease close {leaseText} --yes")).ExitCode);
        var screen = await terminal.WaitForAsync("[exit 1]", Patience);

        var phases = screen.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 10 && line[2] == ':' && line[5] == ':').Select(line => line[10..].Split("  ")[0]).ToArray();
        Assert.Equal(["STARTING", "RUNNING", "STARTING", "RUNNING", "CLOSED (TenantClosed)"], phases);
    }
}
