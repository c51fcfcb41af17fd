namespace DePinGpu.TenantCli.Demo;

/// <summary>How one demo run goes.</summary>
/// <param name="DevnetDirectory">The devnet's folder (scripts/devnet.sh's .devnet).</param>
/// <param name="TrainScript">samples/train/train.py (Process runtime).</param>
/// <param name="Steps">The training job's last step.</param>
/// <param name="KillAfterCheckpoints">Kill the active node once this many checkpoints are committed.</param>
/// <param name="RandomKill">Instead: kill at a random moment after the first commit (the recovery benchmark).</param>
/// <param name="ChartFile">Where the PNG goes.</param>
/// <param name="Timeout">The whole run's limit.</param>
internal sealed record DemoOptions(
    string DevnetDirectory,
    string TrainScript,
    int Steps,
    int KillAfterCheckpoints,
    bool RandomKill,
    string ChartFile,
    TimeSpan Timeout);
