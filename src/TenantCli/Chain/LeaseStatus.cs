using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events.Market;

namespace DePinGpu.TenantCli.Chain;

/// <summary>
/// A lease as a tenant looks at it: the market's record plus its provider's last on-chain heartbeat, its last committed
/// checkpoint (with the CID, from the events), its hand-overs, and what its escrow still buys.
/// </summary>
/// <param name="Lease">The market's record.</param>
/// <param name="Now">The chain's time when it was read.</param>
/// <param name="LastHeartbeat">The current provider's last heartbeat in the registry (null without a provider).</param>
/// <param name="LastCheckpoint">The last <c>CheckpointCommitted</c> of the lease (null when none).</param>
/// <param name="HandOvers">How many times the lease was taken from a provider (<c>LeaseReassigned</c> events).</param>
/// <param name="Accrued">What the current provider has earned and not yet been paid (comes out of the escrow).</param>
internal sealed record LeaseStatus(LeaseDetails Lease, DateTimeOffset Now, DateTimeOffset? LastHeartbeat, CheckpointCommitted? LastCheckpoint, int HandOvers, BigInteger Accrued)
{
    /// <summary>Escrow not yet earned by a provider: what a close would refund.</summary>
    public BigInteger EscrowLeft => BigInteger.Max(BigInteger.Zero, Lease.Escrow - Accrued);

    /// <summary>How long <see cref="EscrowLeft"/> pays the current price for (0 when the price is 0).</summary>
    public TimeSpan EscrowBuys => Lease.PricePerSecond.IsZero
        ? TimeSpan.Zero
        : TimeSpan.FromSeconds((double)BigInteger.Min(EscrowLeft / Lease.PricePerSecond, (BigInteger)TimeSpan.MaxValue.TotalSeconds / 2));
}
