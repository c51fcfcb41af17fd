using System.Numerics;

namespace DePinGpu.Protocol.Clients;

/// <summary>The registry's parameters.</summary>
/// <param name="MinStakePerGpu">Stake required per GPU (token wei).</param>
/// <param name="UnbondingPeriod">Wait between unbond request and withdrawal.</param>
/// <param name="JailPeriod">How long a jailed provider waits before unjail.</param>
/// <param name="HeartbeatInterval">How often nodes should heart-beat.</param>
/// <param name="HeartbeatTimeout">A provider is live while its last heartbeat is at most this old.</param>
public sealed record RegistryParameters(
    BigInteger MinStakePerGpu,
    TimeSpan UnbondingPeriod,
    TimeSpan JailPeriod,
    TimeSpan HeartbeatInterval,
    TimeSpan HeartbeatTimeout);
