using System.Globalization;
using DePinGpu.TenantCli.Tests.Support;
using DePinGpu.TestSupport;

namespace DePinGpu.TenantCli.Tests.Terminal;

/// <summary>
/// The README's main command as a person runs it, in a real terminal (tmux): <c>scripts/devnet.sh</c> in the
/// foreground brings the market up, prints its summary and stays up; Ctrl-C stops everything it started.
/// </summary>
public sealed class DevnetTerminalTests : IDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(6);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-devnet-tmux-" + Guid.NewGuid().ToString("N"));

    private string StateDirectory => Path.Combine(_directory, "devnet");

    [Fact]
    public async Task Devnet_InTheForeground_PrintsItsSummaryAndStaysUp_ThenCtrlCStopsEverythingItStarted()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "home"));
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = Path.Combine(_directory, "home"),
            ["DEPIN_DEVNET_DIR"] = StateDirectory,
            ["DEPIN_NODE_DLL"] = ProviderNodeProcess.Program,
            ["TERM"] = "xterm-256color",
        };
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        await using var terminal = await TmuxSession.StartAsync(
            $"bash {Path.Combine(RepositoryPaths.Root, "scripts", "devnet.sh")} --runtime process --providers 1 --port {port}", environment);

        var screen = await terminal.WaitForAsync("Press Ctrl-C to stop everything.", StartPatience);
        Assert.Contains("runtime             process", screen, StringComparison.Ordinal);
        Assert.Contains("provider-1  API http://", screen, StringComparison.Ordinal);
        var pids = Directory.GetFiles(Path.Combine(StateDirectory, "pids"), "*.pid")
            .Select(file => int.Parse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3, pids.Length); // anvil, the provider node and the verifier
        Assert.All(pids, pid => Assert.True(IsAlive(pid), $"process {pid} is not running while the devnet is up"));

        await terminal.SendKeysAsync("C-c");
        var after = await terminal.WaitForAsync("[exit 0]", TimeSpan.FromMinutes(2));

        Assert.Contains("[devnet] stopping", after, StringComparison.Ordinal);
        Assert.All(pids, pid => Assert.False(IsAlive(pid), $"process {pid} outlived Ctrl-C"));
    }

    public void Dispose()
    {
        if (Directory.Exists(Path.Combine(StateDirectory, "pids")))
        {
            // A failed assertion must not leave the devnet running: --stop reads the same pid files.
            using var stop = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash")
            {
                ArgumentList = { Path.Combine(RepositoryPaths.Root, "scripts", "devnet.sh"), "--stop" },
                Environment = { ["DEPIN_DEVNET_DIR"] = StateDirectory },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            stop.WaitForExit(TimeSpan.FromMinutes(2));
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Running and not a zombie; a process that ends while its stat is read is not alive.</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
