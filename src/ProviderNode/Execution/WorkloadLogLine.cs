namespace DePinGpu.ProviderNode.Execution;

/// <summary>One line a workload wrote.</summary>
/// <param name="Sequence">1 for the first line the store kept, counting every line including dropped ones.</param>
/// <param name="Time">When the node read it.</param>
/// <param name="IsError">True for stderr.</param>
/// <param name="Text">The line without its newline, cut to the store's line limit.</param>
public sealed record WorkloadLogLine(long Sequence, DateTimeOffset Time, bool IsError, string Text);
