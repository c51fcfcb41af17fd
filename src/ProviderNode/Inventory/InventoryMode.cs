namespace DePinGpu.ProviderNode.Inventory;

/// <summary>How the node finds its GPUs.</summary>
public enum InventoryMode
{
    /// <summary>nvidia-smi when it is installed, else the declared GPUs.</summary>
    Auto,

    /// <summary>nvidia-smi only: a machine where it fails offers nothing.</summary>
    NvidiaSmi,

    /// <summary>The declared GPUs only.</summary>
    Declared,
}
