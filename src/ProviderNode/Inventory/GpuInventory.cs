using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Inventory;

/// <summary>
/// Finds the node's GPUs: nvidia-smi when installed (killed after a timeout), otherwise — in Auto mode — the GPUs
/// declared in the configuration, reported as declared so nobody takes them for detected hardware.
/// </summary>
public sealed class GpuInventory
{
    private readonly InventoryOptions _options;
    private readonly ILogger<GpuInventory> _logger;

    /// <summary>Creates the inventory; nothing runs until <see cref="ReadAsync"/>.</summary>
    public GpuInventory(IOptions<InventoryOptions> options, ILogger<GpuInventory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Reads the GPUs now.</summary>
    public async Task<GpuInventorySnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var snapshot = _options.Mode == InventoryMode.Declared ? Declared() : await DetectAsync(cancellationToken).ConfigureAwait(false);
        InventoryLog.Read(_logger, snapshot.Source, snapshot.Gpus.Count, string.Join("; ", snapshot.Gpus.GroupBy(gpu => gpu.Model).Select(group => $"{group.Count()} × {group.Key}")));
        return snapshot;
    }

    private async Task<GpuInventorySnapshot> DetectAsync(CancellationToken cancellationToken)
    {
        string output;
        try
        {
            output = await RunNvidiaSmiAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception)
        {
            InventoryLog.NvidiaSmiAbsent(_logger, _options.NvidiaSmiPath);
            return _options.Mode == InventoryMode.Auto ? Declared() : new GpuInventorySnapshot([], InventorySource.Detected);
        }
        catch (InvalidOperationException exception)
        {
            InventoryLog.NvidiaSmiFailed(_logger, exception.Message);
            return new GpuInventorySnapshot([], InventorySource.Detected);
        }

        var parsed = NvidiaSmiParser.Parse(output);
        if (!parsed.Succeeded)
        {
            InventoryLog.NvidiaSmiFailed(_logger, parsed.Error!);
        }

        return new GpuInventorySnapshot(parsed.Gpus, InventorySource.Detected);
    }

    private async Task<string> RunNvidiaSmiAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(_options.NvidiaSmiPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add($"--query-gpu={NvidiaSmiParser.QueryFields}");
        info.ArgumentList.Add("--format=csv");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("nvidia-smi did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.QueryTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"nvidia-smi took longer than {_options.QueryTimeout} and was killed");
        }

        return process.ExitCode == 0
            ? await output.ConfigureAwait(false)
            : throw new InvalidOperationException($"nvidia-smi exited with {process.ExitCode}: {(await error.ConfigureAwait(false)).Trim()}");
    }

    private GpuInventorySnapshot Declared()
    {
        var gpus = _options.Declared
            .SelectMany(declared => Enumerable.Repeat(declared, declared.Count))
            .Select((declared, index) => new GpuDevice(index, declared.Model, declared.MemoryMebibytes, null, null))
            .ToArray();
        return new GpuInventorySnapshot(gpus, InventorySource.Declared);
    }
}
