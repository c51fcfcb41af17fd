namespace DePinGpu.ProviderNode.Inventory;

/// <summary>Where the node's GPU list came from.</summary>
public enum InventorySource
{
    /// <summary>Found by nvidia-smi.</summary>
    Detected,

    /// <summary>Declared in the configuration (a CPU-only devnet's virtual GPUs, or a machine without nvidia-smi).</summary>
    Declared,
}
