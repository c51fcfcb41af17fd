namespace DePinGpu.TenantCli.Providers;

/// <summary>What a provider filter term compares.</summary>
internal enum FilterField
{
    /// <summary>GPU model (text; = and != only, case-insensitive).</summary>
    Gpu,

    /// <summary>Number of GPUs.</summary>
    Gpus,

    /// <summary>VRAM per GPU in GB.</summary>
    Vram,

    /// <summary>Bonded stake in tokens.</summary>
    Stake,

    /// <summary>Jailed (true/false; = and != only).</summary>
    Jailed,

    /// <summary>Heart-beating now (true/false; = and != only).</summary>
    Live,

    /// <summary>Asked price in tokens per GPU-hour (not on-chain: from the capacity gossip, as the configured nodes heard it).</summary>
    Price,

    /// <summary>Seconds since a node last heard the provider's capacity gossip (its node is up and gossiping).</summary>
    Seen,
}
