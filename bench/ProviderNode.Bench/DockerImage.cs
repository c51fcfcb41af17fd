using System.Diagnostics;
using DePinGpu.TestSupport;

namespace DePinGpu.ProviderNode.Bench;

/// <summary>The shell-loop sample image, when a Docker engine answers (built or found by scripts/images/build.sh).</summary>
internal static class DockerImage
{
    /// <summary>The engine the node uses: DOCKER_HOST, else the default socket.</summary>
    public static string Endpoint => Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unix:///var/run/docker.sock";

    /// <summary>The image's content tag; null when no engine answers or the build fails.</summary>
    public static async Task<string?> ShellLoopAsync()
    {
        var info = new ProcessStartInfo(Path.Combine(RepositoryPaths.Root, "scripts", "images", "build.sh")) { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("shell-loop");
        using var build = Process.Start(info)!;
        var output = await build.StandardOutput.ReadToEndAsync();
        await build.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(text => text.StartsWith("shell-loop ", StringComparison.Ordinal));
        return build.ExitCode == 0 && line is not null ? line["shell-loop ".Length..].Trim() : null;
    }
}
