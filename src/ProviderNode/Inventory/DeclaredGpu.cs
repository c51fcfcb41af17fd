namespace DePinGpu.ProviderNode.Inventory;

/// <summary>GPUs declared in the configuration (<c>Inventory:Declared</c>): a model, its memory and how many.</summary>
public sealed record DeclaredGpu
{
    /// <summary>The model name offered (for example "NVIDIA H200", or "virtual-cpu" on a devnet).</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>Memory per GPU in MiB.</summary>
    public long MemoryMebibytes { get; init; }

    /// <summary>How many of them.</summary>
    public int Count { get; init; } = 1;
}
