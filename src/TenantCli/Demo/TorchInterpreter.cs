using System.Diagnostics;

namespace DePinGpu.TenantCli.Demo;

/// <summary>
/// Finds the python3 that has PyTorch for the Process runtime (the nodes run the workload's command as it is, so the
/// spec names the interpreter's full path): python3 on PATH first, then Debian's /usr/bin/python3, which is where
/// scripts/bootstrap.sh installs python3-torch.
/// </summary>
internal static class TorchInterpreter
{
    /// <summary>The interpreter's path, or null when no python3 here imports torch.</summary>
    public static async Task<string?> FindAsync(CancellationToken cancellationToken)
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "python3"))
            .Append("/usr/bin/python3")
            .Where(File.Exists)
            .Distinct(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            if (await ImportsTorchAsync(candidate, cancellationToken).ConfigureAwait(false))
            {
                return candidate;
            }
        }

        return null;
    }

    private static async Task<bool> ImportsTorchAsync(string python, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("import torch");
        using var process = Process.Start(info);
        if (process is null)
        {
            return false;
        }

        // Drain both pipes so a chatty failure cannot block the child.
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await Task.WhenAll(output, error).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode == 0;
    }
}
