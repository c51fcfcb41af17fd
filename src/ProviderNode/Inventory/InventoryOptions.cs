namespace DePinGpu.ProviderNode.Inventory;

/// <summary>Settings of the GPU inventory (configuration section <c>Inventory</c>).</summary>
public sealed record InventoryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Inventory";

    /// <summary>Auto, NvidiaSmi or Declared.</summary>
    public InventoryMode Mode { get; init; } = InventoryMode.Auto;

    /// <summary>The nvidia-smi program (a name on PATH or a full path).</summary>
    public string NvidiaSmiPath { get; init; } = "nvidia-smi";

    /// <summary>How long nvidia-smi may take before it is killed.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The declared GPUs (used when nvidia-smi is absent in Auto mode, always in Declared mode).</summary>
    public IReadOnlyList<DeclaredGpu> Declared { get; init; } = [];
}
