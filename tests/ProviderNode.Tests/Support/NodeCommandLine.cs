using System.Diagnostics;
using DePinGpu.TestSupport;

namespace DePinGpu.ProviderNode.Tests.Support;

/// <summary>Runs the built <c>depin-node</c> program as a real process.</summary>
public static class NodeCommandLine
{
    /// <summary>The built program (the Release build the tests are built against).</summary>
    public static string Program => Path.Combine(AppContext.BaseDirectory, "depin-node.dll");

    /// <summary>Starts <c>depin-node</c> with <paramref name="arguments"/>; the caller disposes (kills) it.</summary>
    public static ExternalProcess Start(params string[] arguments) => ExternalProcess.Start("dotnet", [Program, .. arguments]);

    /// <summary>Runs a one-shot command to its end; returns its exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryPaths.Root };
        info.ArgumentList.Add(Program);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"depin-node {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }
}
