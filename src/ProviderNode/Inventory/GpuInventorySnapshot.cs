namespace DePinGpu.ProviderNode.Inventory;

/// <summary>The node's GPUs at one moment and where the list came from (declared GPUs are reported as declared).</summary>
public sealed record GpuInventorySnapshot(IReadOnlyList<GpuDevice> Gpus, InventorySource Source);
