using System.Numerics;

namespace DePinGpu.ProviderNode.Verifier;

/// <summary>One batched report the verifier should try: leases of one provider that look reportable.</summary>
/// <param name="Provider">The provider (owner address).</param>
/// <param name="LeaseIds">Its reportable leases, ascending, at most one batch.</param>
public sealed record ProviderReport(string Provider, IReadOnlyList<BigInteger> LeaseIds);
