using System.Diagnostics;
using System.Globalization;

namespace DePinGpu.TenantCli.Demo;

/// <summary>
/// Kills a devnet provider as a crash would: SIGKILL to the node's process group, to the process groups of the
/// workloads it started (Process runtime: they run in their own groups, recorded as workload.pid under its data
/// folder) and to its containers (Docker runtime: labelled with the node's name). Nothing is told first.
/// </summary>
internal static class ProviderKiller
{
    /// <summary>Kills <paramref name="node"/> and its workloads; returns what was killed, for the demo's output.</summary>
    public static async Task<IReadOnlyList<string>> KillAsync(DevnetNode node, string runtime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var killed = new List<string>();
        var nodeGroup = File.ReadAllText(node.PidFile).Trim();
        await SignalGroupAsync(nodeGroup, cancellationToken).ConfigureAwait(false);
        killed.Add($"{node.Name} (process group {nodeGroup})");
        foreach (var record in Directory.EnumerateFiles(node.DataDirectory, "workload.pid", SearchOption.AllDirectories))
        {
            var group = File.ReadAllText(record).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (group is not null && int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out _) && Directory.Exists("/proc/" + group))
            {
                await SignalGroupAsync(group, cancellationToken).ConfigureAwait(false);
                killed.Add($"its workload (process group {group})");
            }
        }

        if (runtime == "docker")
        {
            var containers = (await RunAsync("docker", ["ps", "-q", "--filter", $"label=io.depingpu.node=devnet-{node.Name}"], cancellationToken).ConfigureAwait(false))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var container in containers)
            {
                await RunAsync("docker", ["kill", "--signal", "KILL", container], cancellationToken).ConfigureAwait(false);
                killed.Add($"its container {container}");
            }
        }

        return killed;
    }

    private static Task SignalGroupAsync(string group, CancellationToken cancellationToken) =>
        RunAsync("kill", ["-KILL", "--", "-" + group], cancellationToken);

    private static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Trim()}");
    }
}
