using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// No gateway delivered a valid copy of a block. The message lists every attempt (gateway, CID, reason, e.g. a corrupt block);
/// blocks fetched before the failure stay stored, so calling the fetch again resumes where it stopped.
/// </summary>
public sealed class GatewayFetchException : IOException
{
    /// <summary>Creates the exception for <paramref name="cid"/> from the failed attempts.</summary>
    public GatewayFetchException(Cid cid, IReadOnlyList<GatewayFailure> failures)
        : base($"Could not fetch block {cid} from any gateway: " + string.Join(" ", failures.Select(failure => failure.Message)))
    {
        Cid = cid;
        Failures = failures;
    }

    /// <summary>The block no gateway delivered.</summary>
    public Cid Cid { get; }

    /// <summary>Every attempt, in order.</summary>
    public IReadOnlyList<GatewayFailure> Failures { get; }
}
