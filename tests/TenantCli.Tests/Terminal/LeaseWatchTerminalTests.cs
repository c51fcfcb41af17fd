using DePinGpu.TenantCli.Tests.Support;
using Xunit.Abstractions;

namespace DePinGpu.TenantCli.Tests.Terminal;

/// <summary>
/// What a person sees: <c>depin lease watch</c> in a real terminal (tmux) while the lease starts, runs, commits a
/// checkpoint, loses its provider to a reported missed heartbeat (a real failover: RECOVERING on the standby at epoch 1,
/// then RUNNING there) and is closed; the screen is captured and checked line by line.
/// </summary>
public sealed class LeaseWatchTerminalTests : IClassFixture<DevnetFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly DevnetChain _chain;
    private readonly ITestOutputHelper _output;

    public LeaseWatchTerminalTests(DevnetFixture fixture, ITestOutputHelper output)
    {
        _chain = fixture.Chain;
        _output = output;
    }

    [Fact]
    public async Task LeaseWatch_InATerminal_ShowsAReportedFailoverAsItHappensAndEndsWithTheLease()
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var lease = await FailoverLease.CreateAsync(_chain, tenant);
        var first = lease.First.Address;
        var standby = lease.Standby.Address;

        var program = Path.Combine(AppContext.BaseDirectory, "depin.dll");
        await using var terminal = await TmuxSession.StartAsync($"dotnet {program} lease watch {lease.LeaseText}", new Dictionary<string, string> { ["HOME"] = tenant.Cli.Home, ["TERM"] = "xterm-256color" }, width: 260);
        await terminal.WaitForAsync("STARTING", Patience);

        await lease.StartAsync();
        await terminal.WaitForAsync($"RUNNING  {first} epoch 0", Patience);
        var checkpoint = await lease.CommitCheckpointAsync(0, 40);
        await terminal.WaitForAsync($"checkpoint step 40, {checkpoint}", Patience);
        await lease.ReportMissedHeartbeatAsync();
        await terminal.WaitForAsync($"RECOVERING  {standby} epoch 1", Patience);
        await lease.RecoverAsync();
        await terminal.WaitForAsync($"RUNNING  {standby} epoch 1", Patience);
        Assert.Equal(0, (await tenant.Cli.RunAsync($"lease close {lease.LeaseText} --yes")).ExitCode);
        await terminal.WaitForAsync("[exit 1]", Patience);

        var screen = await terminal.CaptureHistoryAsync();
        _output.WriteLine(screen);
        var lines = screen.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 10 && line[2] == ':' && line[5] == ':').ToArray();
        Assert.Equal(["STARTING", "RUNNING", "RUNNING", "RECOVERING", "RUNNING", "CLOSED (TenantClosed)"], lines.Select(line => line[10..].Split("  ")[0]).ToArray());
        Assert.Equal([0, 0, 0, 1, 1, 1], lines.Select(HandOvers).ToArray());
        Assert.Contains($"{first} epoch 0", lines[1], StringComparison.Ordinal);
        Assert.Contains($"{standby} epoch 1", lines[3], StringComparison.Ordinal);

        // The checkpoint committed before the failover stays the lease's last one on the new provider.
        Assert.All(lines[2..5], line => Assert.Contains($"checkpoint step 40, {checkpoint}", line, StringComparison.Ordinal));
        Assert.DoesNotContain("\u001b[", string.Concat(lines), StringComparison.Ordinal);
    }

    private static int HandOvers(string line)
    {
        var start = line.IndexOf("hand-overs ", StringComparison.Ordinal);
        Assert.True(start >= 0, line);
        return int.Parse(line[(start + "hand-overs ".Length)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
