namespace DePinGpu.ProviderNode.Execution;

/// <summary>A container created ahead of a start and not started (<see cref="DockerWorkloadRuntime.PrepareAsync"/>).</summary>
/// <param name="ContainerId">The engine's id.</param>
/// <param name="Name">Its name: the one the start of its lease and epoch looks for.</param>
/// <param name="Lease">The lease and epoch it was created for.</param>
public sealed record PreparedContainer(string ContainerId, string Name, LeaseEpoch Lease);
