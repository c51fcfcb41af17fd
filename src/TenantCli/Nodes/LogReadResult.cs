namespace DePinGpu.TenantCli.Nodes;

/// <summary>A node's answer to one log request: lines, or why there are none.</summary>
internal sealed record LogReadResult(LogReadStatus Status, IReadOnlyList<LogLine> Lines, string Problem);
