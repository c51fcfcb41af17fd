using System.Numerics;

namespace DePinGpu.TenantCli.Demo;

/// <summary>What one provider got from the lease.</summary>
/// <param name="Node">provider-N.</param>
/// <param name="Owner">Its owner address.</param>
/// <param name="Role">active, standby (took over), standby (unused).</param>
/// <param name="Earned">Sum of its LeaseSettled providerAmount.</param>
/// <param name="PaidSeconds">Seconds the lease paid it for.</param>
/// <param name="Slashed">Stake it lost.</param>
internal sealed record ProviderEarning(string Node, string Owner, string Role, BigInteger Earned, long PaidSeconds, BigInteger Slashed);
