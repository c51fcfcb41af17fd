namespace DePinGpu.ProviderNode.Inventory;

/// <summary>
/// What the node rents out as the registry sees it: one GPU model, how many, and the least VRAM among them. Both
/// <c>register</c> and the bidding derive it from the inventory, so the node never bids on a model it did not register.
/// </summary>
/// <param name="Model">The GPU model.</param>
/// <param name="Count">How many GPUs.</param>
/// <param name="VramGb">VRAM per GPU in whole GB (the smallest GPU's).</param>
public sealed record GpuCapacity(string Model, int Count, long VramGb)
{
    /// <summary>The capacity of <paramref name="snapshot"/>, or why it has none the registry can take.</summary>
    public static (GpuCapacity? Capacity, string? Problem) Of(GpuInventorySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Gpus.Count == 0)
        {
            return (null, "No GPU found: install nvidia-smi or declare GPUs under Inventory:Declared in the config.");
        }

        var models = snapshot.Gpus.Select(gpu => gpu.Model).Distinct().ToArray();
        if (models.Length > 1)
        {
            return (null, $"This node has several GPU models ({string.Join(", ", models)}); the registry takes one: declare the GPUs to rent under Inventory:Declared.");
        }

        return (new GpuCapacity(models[0], snapshot.Gpus.Count, snapshot.Gpus.Min(gpu => gpu.MemoryGigabytes)), null);
    }
}
