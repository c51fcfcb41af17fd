namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>One request of a <see cref="ClosedLoopLoad"/>: its worker, start and end (<see cref="System.Diagnostics.Stopwatch"/> ticks), outcome and answering replica.</summary>
internal sealed record LoadSample(int Worker, long Started, long Ended, bool Succeeded, string? Replica);
