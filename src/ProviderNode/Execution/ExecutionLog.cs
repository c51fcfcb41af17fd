using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>Execution log events (ids 8100–8149; stable, documented for operators).</summary>
internal static partial class ExecutionLog
{
    [LoggerMessage(EventId = 8100, Level = LogLevel.Information, Message = "Started {Runtime} workload {RuntimeId} for {Lease} (run {RestartCount})")]
    public static partial void Started(ILogger logger, string runtime, string runtimeId, string lease, int restartCount);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "Refused to start the workload of {Lease}: {Reason}")]
    public static partial void StartRefused(ILogger logger, string lease, string reason);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "Workload {RuntimeId} of {Lease} exited with {ExitCode} (stopped by the node: {StoppedByNode})")]
    public static partial void Exited(ILogger logger, string runtimeId, string lease, int exitCode, bool stoppedByNode);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Information, Message = "Re-attached to workload {RuntimeId} of {Lease} (run {RestartCount}, running: {Running})")]
    public static partial void Reattached(ILogger logger, string runtimeId, string lease, int restartCount, bool running);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Information, Message = "Stopping workload {RuntimeId} of {Lease}: SIGTERM, kill after {GraceSeconds} s")]
    public static partial void Stopping(ILogger logger, string runtimeId, string lease, double graceSeconds);

    [LoggerMessage(EventId = 8105, Level = LogLevel.Warning, Message = "Workload {RuntimeId} of {Lease} outlived its grace period and was killed")]
    public static partial void KilledAfterGrace(ILogger logger, string runtimeId, string lease);

    [LoggerMessage(EventId = 8106, Level = LogLevel.Warning, Message = "Killing workload {RuntimeId} of {Lease} at once")]
    public static partial void Killing(ILogger logger, string runtimeId, string lease);

    [LoggerMessage(EventId = 8107, Level = LogLevel.Information, Message = "Sent {Signal} to workload {RuntimeId} of {Lease}")]
    public static partial void Signalled(ILogger logger, string signal, string runtimeId, string lease);

    [LoggerMessage(EventId = 8108, Level = LogLevel.Warning, Message = "Watching workload {RuntimeId} failed; retrying in {DelayMilliseconds} ms")]
    public static partial void WatchFailed(ILogger logger, Exception exception, string runtimeId, long delayMilliseconds);

    [LoggerMessage(EventId = 8109, Level = LogLevel.Warning, Message = "Killed leftover process group {ProcessGroup} of {Lease} from a previous run of the node")]
    public static partial void LeftoverKilled(ILogger logger, int processGroup, string lease);

    [LoggerMessage(EventId = 8110, Level = LogLevel.Information, Message = "Restarting the workload of {Lease} from its last checkpoint (exit code {ExitCode}, run {RestartCount})")]
    public static partial void Restarting(ILogger logger, string lease, int exitCode, int restartCount);

    [LoggerMessage(EventId = 8111, Level = LogLevel.Warning, Message = "The workload of {Lease} asked for restart {RestartCount}, over the limit of {MaxRestarts}: counted as failed")]
    public static partial void RestartLimitReached(ILogger logger, string lease, int restartCount, int maxRestarts);

    [LoggerMessage(EventId = 8112, Level = LogLevel.Warning, Message = "Reading the output of workload {RuntimeId} ended early")]
    public static partial void LogFollowFailed(ILogger logger, Exception exception, string runtimeId);

    [LoggerMessage(EventId = 8113, Level = LogLevel.Warning, Message = "The {Runtime} runtime does not answer (try {Attempt}): {Problem}; its workloads are re-attached once it does, trying again in {Delay}")]
    public static partial void RuntimeUnreachable(ILogger logger, string runtime, int attempt, TimeSpan delay, string problem);

    [LoggerMessage(EventId = 8114, Level = LogLevel.Warning, Message = "Workload {RuntimeId} of {Lease} was killed behind the node's back ({Cause}, exit code {ExitCode}): a fault of this machine, not of the job; restarting it in place from the last committed checkpoint (run {RestartCount})")]
    public static partial void KilledFromOutside(ILogger logger, string runtimeId, string lease, OutsideKill cause, int exitCode, int restartCount);

    [LoggerMessage(EventId = 8115, Level = LogLevel.Warning, Message = "Workload {RuntimeId} of {Lease} was killed by the kernel for running out of memory (OOM-killed at its limit of {MemoryLimit}); restarting it in place from the last committed checkpoint (run {RestartCount})")]
    public static partial void OutOfMemoryKilled(ILogger logger, string runtimeId, string lease, string memoryLimit, int restartCount);

    [LoggerMessage(EventId = 8116, Level = LogLevel.Warning, Message = "Workload {RuntimeId} of {Lease} was killed behind the node's back ({Cause}) after {Restarts} restarts, the limit of {MaxRestarts}: counted as failed")]
    public static partial void OutsideKillLimitReached(ILogger logger, string runtimeId, string lease, OutsideKill cause, int restarts, int maxRestarts);

    [LoggerMessage(EventId = 8117, Level = LogLevel.Warning, Message = "Could not read from the engine why container {RuntimeId} ended; counted as the workload's own exit")]
    public static partial void ExitCauseUnknown(ILogger logger, Exception exception, string runtimeId);
}
