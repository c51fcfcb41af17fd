using System.Diagnostics.Metrics;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>Execution metrics (meter <c>DePinGpu.ProviderNode.Execution</c>).</summary>
public sealed class ExecutionMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "DePinGpu.ProviderNode.Execution";

    private readonly Meter _meter;
    private readonly Counter<long> _started;
    private readonly Counter<long> _exited;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _restarts;
    private readonly Counter<long> _killedFromOutside;
    private long _running;

    /// <summary>Creates the instruments (through <paramref name="meterFactory"/> when hosted).</summary>
    public ExecutionMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _started = _meter.CreateCounter<long>("depin.workloads.started", description: "Workload runs started (restarts included)");
        _exited = _meter.CreateCounter<long>("depin.workloads.exited", description: "Workload runs that ended, by outcome");
        _refused = _meter.CreateCounter<long>("depin.workloads.refused", description: "Starts refused (missing image, wrong runtime)");
        _restarts = _meter.CreateCounter<long>("depin.workloads.restarts", description: "Restarts in place from the last checkpoint");
        _killedFromOutside = _meter.CreateCounter<long>("depin.workloads.killed_outside", description: "Runs killed behind the node's back (docker kill, OOM, removal), by cause");
        _meter.CreateObservableGauge("depin.workloads.running", () => Interlocked.Read(ref _running), description: "Workload runs being supervised");
    }

    /// <summary>Counts a start.</summary>
    public void Started(string runtime)
    {
        Interlocked.Increment(ref _running);
        _started.Add(1, new KeyValuePair<string, object?>("runtime", runtime));
    }

    /// <summary>Counts an end.</summary>
    public void Exited(string runtime, WorkloadExit exit)
    {
        Interlocked.Decrement(ref _running);
        var outcome = exit.StoppedByNode ? "stopped" : exit.IsOutsideKill ? "killed_outside" : exit.ExitCode == 0 ? "completed" : "failed";
        _exited.Add(1, new KeyValuePair<string, object?>("runtime", runtime), new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>A run the node stops supervising while it still runs (a container outlives the node's shutdown).</summary>
    public void Detached() => Interlocked.Decrement(ref _running);

    /// <summary>Counts a refusal.</summary>
    public void Refused(string runtime) => _refused.Add(1, new KeyValuePair<string, object?>("runtime", runtime));

    /// <summary>Counts a restart in place.</summary>
    public void Restarted() => _restarts.Add(1);

    /// <summary>Counts a run killed behind the node's back.</summary>
    public void KilledFromOutside(string runtime, OutsideKill cause) => _killedFromOutside.Add(1,
        new KeyValuePair<string, object?>("runtime", runtime), new KeyValuePair<string, object?>("cause", cause.ToString()));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
