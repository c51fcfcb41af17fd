namespace DePinGpu.Chaos.Tests.Faults;

/// <summary>One injected fault: when, to which node (its owner address), what.</summary>
public sealed record FaultRecord(DateTimeOffset Time, string Node, FaultKind Kind);
