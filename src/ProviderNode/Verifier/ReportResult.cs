using System.Numerics;

namespace DePinGpu.ProviderNode.Verifier;

/// <summary>The outcome of one batched report (or one close).</summary>
/// <param name="Verdicts">Each lease's verdict.</param>
/// <param name="TransactionHash">The transaction sent, or null when the dry run left nothing to send.</param>
/// <param name="FinderFee">Token wei credited to this verifier's account by the report.</param>
/// <param name="RetryAt">For NotYet leases: the earliest chain time worth trying again (null when unknown).</param>
public sealed record ReportResult(
    IReadOnlyDictionary<BigInteger, LeaseVerdict> Verdicts,
    string? TransactionHash,
    BigInteger FinderFee,
    DateTimeOffset? RetryAt)
{
    /// <summary>The leases with <paramref name="verdict"/>.</summary>
    public IReadOnlyList<BigInteger> With(LeaseVerdict verdict) =>
        Verdicts.Where(pair => pair.Value == verdict).Select(pair => pair.Key).Order().ToArray();
}
