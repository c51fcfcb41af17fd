using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Heartbeat;

/// <summary>Log messages of the on-chain heartbeat, with stable event ids (8920–8924).</summary>
internal static partial class HeartbeatLog
{
    [LoggerMessage(EventId = 8920, Level = LogLevel.Information, Message = "On-chain heartbeat every {Interval} ({Source}); the registry's heartbeat timeout is {Timeout}")]
    public static partial void IntervalChosen(ILogger logger, TimeSpan interval, string source, TimeSpan timeout);

    [LoggerMessage(EventId = 8921, Level = LogLevel.Warning, Message = "The configured Heartbeat:Interval {Interval} is not under the registry's heartbeat timeout {Timeout}: this provider will be reported between heartbeats")]
    public static partial void IntervalTooLong(ILogger logger, TimeSpan interval, TimeSpan timeout);

    [LoggerMessage(EventId = 8922, Level = LogLevel.Warning, Message = "Could not read the registry's heartbeat parameters (try {Attempt}); trying again in {Delay}: {Problem}")]
    public static partial void ParametersUnreadable(ILogger logger, int attempt, TimeSpan delay, string problem);
}
