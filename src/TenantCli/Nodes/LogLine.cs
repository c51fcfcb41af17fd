namespace DePinGpu.TenantCli.Nodes;

/// <summary>One line of a workload's output as the node serves it.</summary>
internal sealed record LogLine(long Sequence, DateTimeOffset Time, bool IsError, string Text);
