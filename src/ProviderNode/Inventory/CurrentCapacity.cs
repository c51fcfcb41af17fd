namespace DePinGpu.ProviderNode.Inventory;

/// <summary>
/// The capacity the bidding read from the inventory when it started (null before that, or when the inventory has none
/// the registry can take); the gossip's capacity messages report it.
/// </summary>
public sealed class CurrentCapacity
{
    private volatile GpuCapacity? _value;

    /// <summary>The capacity now; null when unknown or none.</summary>
    public GpuCapacity? Value
    {
        get => _value;
        set => _value = value;
    }
}
