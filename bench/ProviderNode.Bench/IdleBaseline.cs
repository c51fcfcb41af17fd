using DePinGpu.TestSupport;

namespace DePinGpu.ProviderNode.Bench;

/// <summary>
/// The baseline for the daemon's idle cost: this benchmark's own program started as <c>baseline</c>, an idle .NET
/// process on the same runtime that only waits on a one-second timer. Measured over the same windows as the node, so
/// the ratio between the two says how much of the node's figure is its own work rather than the runtime or the machine.
/// </summary>
internal sealed class IdleBaseline : IAsyncDisposable
{
    /// <summary>The argument that makes the benchmark program run as the baseline.</summary>
    public const string Argument = "baseline";

    private readonly ExternalProcess _process;

    private IdleBaseline(ExternalProcess process) => _process = process;

    public int ProcessId => _process.Id;

    public static IdleBaseline Start() =>
        new(ExternalProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "DePinGpu.ProviderNode.Bench.dll"), Argument]));

    /// <summary>What the baseline process does: wait on a one-second timer until it is killed.</summary>
    public static async Task<int> RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync())
        {
            // Nothing: the runtime's own idle cost with one timer is what is measured.
        }

        return 0;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
