using System.Numerics;

namespace DePinGpu.Protocol.Deployment;

/// <summary>Every registry and market parameter, as deployed (names as the contract getters).</summary>
public sealed record DeploymentParameters
{
    /// <summary>Stake per GPU, token wei.</summary>
    public required BigInteger MinStakePerGpu { get; init; }

    /// <summary>Seconds between unbond request and withdrawal.</summary>
    public required ulong UnbondingPeriod { get; init; }

    /// <summary>Seconds a jailed provider waits.</summary>
    public required ulong JailPeriod { get; init; }

    /// <summary>Heartbeat interval, seconds.</summary>
    public required ulong HeartbeatInterval { get; init; }

    /// <summary>Heartbeat timeout, seconds (at least twice the interval).</summary>
    public required ulong HeartbeatTimeout { get; init; }

    /// <summary>Seconds a newly assigned provider has to acknowledge.</summary>
    public required ulong StartDeadline { get; init; }

    /// <summary>Seconds of every replica at max price the escrow must cover.</summary>
    public required ulong MinPrepaidSeconds { get; init; }

    /// <summary>Slash on a missed heartbeat, basis points.</summary>
    public required ushort SlashBps { get; init; }

    /// <summary>Slash on release or start timeout, basis points.</summary>
    public required ushort MinorSlashBps { get; init; }

    /// <summary>Reporter's share of a slash, basis points.</summary>
    public required ushort FinderFeeBps { get; init; }

    /// <summary>Protocol fee on settlements, basis points.</summary>
    public required ushort ProtocolFeeBps { get; init; }

    /// <summary>Receiver of protocol fees.</summary>
    public required string Treasury { get; init; }

    /// <summary>The devnet defaults of docs/design.md (2 s heartbeats, 6 s timeout, 60 s unbonding).</summary>
    public static DeploymentParameters Devnet(string treasury) => new()
    {
        MinStakePerGpu = BigInteger.Pow(10, 21),
        UnbondingPeriod = 60,
        JailPeriod = 60,
        HeartbeatInterval = 2,
        HeartbeatTimeout = 6,
        StartDeadline = 30,
        MinPrepaidSeconds = 3600,
        SlashBps = 1000,
        MinorSlashBps = 100,
        FinderFeeBps = 1000,
        ProtocolFeeBps = 0,
        Treasury = treasury,
    };
}
