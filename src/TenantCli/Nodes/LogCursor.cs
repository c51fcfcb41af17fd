namespace DePinGpu.TenantCli.Nodes;

/// <summary>Where a log follower is: the provider and epoch it reads from, the last sequence printed, and whether it said the node is unreachable.</summary>
internal sealed class LogCursor(string? provider, uint epoch)
{
    /// <summary>The provider read from.</summary>
    public string? Provider { get; } = provider;

    /// <summary>The lease epoch of that provider.</summary>
    public uint Epoch { get; } = epoch;

    /// <summary>The last sequence printed (the node's sequences start at 1 per run).</summary>
    public long After { get; set; }

    /// <summary>True once "cannot be reached" was printed for the current outage.</summary>
    public bool Unreachable { get; set; }
}
