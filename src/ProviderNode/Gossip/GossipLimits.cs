namespace DePinGpu.ProviderNode.Gossip;

/// <summary>The bounds every gossip message is held to, on encode and decode (docs/gossip.md).</summary>
public static class GossipLimits
{
    /// <summary>The message format version this node writes and accepts.</summary>
    public const uint Version = 1;

    /// <summary>Largest encoded heartbeat.</summary>
    public const int MaxHeartbeatBytes = 4096;

    /// <summary>Largest encoded checkpoint announcement.</summary>
    public const int MaxCheckpointBytes = 512;

    /// <summary>Largest encoded capacity message.</summary>
    public const int MaxCapacityBytes = 512;

    /// <summary>Most leases one heartbeat names.</summary>
    public const int MaxHeartbeatLeases = 64;

    /// <summary>Longest GPU model name, UTF-8 bytes.</summary>
    public const int MaxGpuModelBytes = 64;

    /// <summary>Most GPUs a capacity message may claim (the bidding options' bound).</summary>
    public const uint MaxGpuCount = 1024;

    /// <summary>Longest binary CID.</summary>
    public const int MaxCidBytes = 128;

    /// <summary>Length of a uint256 (lease ids, prices) at most.</summary>
    public const int MaxUint256Bytes = 32;

    /// <summary>Length of an Ethereum address.</summary>
    public const int AddressBytes = 20;
}
