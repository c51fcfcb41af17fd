using System.Numerics;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>One replica as the chain and its node describe it: lease, epoch, provider and the address its node serves it at.</summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="Epoch">The lease's epoch at that provider (a hand-over makes a new replica).</param>
/// <param name="Provider">The provider's address.</param>
/// <param name="Prefix">The service's base URL, without a trailing slash: request paths are appended to it.</param>
internal sealed record ReplicaAddress(BigInteger LeaseId, uint Epoch, string Provider, Uri Prefix)
{
    /// <summary>Identifies the replica: the same lease at another epoch is another replica.</summary>
    public string Key => $"{LeaseId}/{Epoch}";

    /// <summary>The URL of <paramref name="pathAndQuery"/> (starting with /) at this replica.</summary>
    public Uri Target(string pathAndQuery) => new(Prefix.ToString().TrimEnd('/') + pathAndQuery);
}
