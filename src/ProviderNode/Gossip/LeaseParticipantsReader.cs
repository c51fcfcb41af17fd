using System.Numerics;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>Reads a lease's participants from the market; null when the lease does not exist.</summary>
/// <param name="leaseId">The lease.</param>
/// <param name="cancellationToken">Cancels the read.</param>
public delegate Task<LeaseParticipants?> LeaseParticipantsReader(BigInteger leaseId, CancellationToken cancellationToken);
