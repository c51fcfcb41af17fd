using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Connectivity;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>The run's calls to the chain (retried through <see cref="LeaseCalls"/>) and the resume folder of a restart.</summary>
public sealed partial class LeaseRun
{
    /// <summary>False while the chain is out of reach or the leases are being read back after it was: nothing is committed then.</summary>
    private bool MayCommit => _context.Calls?.Connectivity.MayCommit ?? true;

    /// <summary>
    /// Sends <paramref name="call"/> (retried on transient faults when the node has <see cref="LeaseCalls"/>); true when
    /// it went through or had already taken effect, false when the lease is no longer ours.
    /// </summary>
    private async Task<bool> SendLeaseCallAsync(string name, Func<CancellationToken, Task> call, Func<LeaseDetails, bool> alreadyDone, CancellationToken cancellationToken)
    {
        if (_context.Calls is not { } calls)
        {
            await call(cancellationToken).ConfigureAwait(false);
            return true;
        }

        return await calls.SendAsync(Lease, name, call, alreadyDone, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a checkpoint's commit for the <see cref="CheckpointCommitter"/>: held while the chain is out of reach,
    /// retried on transient faults; null once it took effect, else why it was not sent.
    /// </summary>
    private async Task<string?> CommitThroughChainAsync(CheckpointImported imported, CancellationToken cancellationToken)
    {
        if (!MayCommit)
        {
            return "the chain is out of reach (or the leases are being read back); nothing is committed until it answers";
        }

        var sent = await SendLeaseCallAsync(
            "commitCheckpoint",
            token => _context.Market.CommitCheckpointAsync(Lease.LeaseId, Epoch, imported.Cid, imported.Step, imported.ContentBytes, token),
            lease => IsCommitted(lease, imported.Step),
            cancellationToken).ConfigureAwait(false);
        return sent ? null : "the lease is no longer this node's at this epoch";
    }

    private static bool IsCompleted(LeaseDetails lease) => lease is { State: LeaseState.Closed, CloseReason: LeaseReason.Completed };

    private static bool IsReleased(LeaseDetails lease) => lease.State is LeaseState.Reassigning or LeaseState.Closed;

    private bool IsCommitted(LeaseDetails lease, ulong step) => lease.Epoch == Epoch && lease.CheckpointStep >= step;

    /// <summary>
    /// The folder a restarted workload resumes from: a local export of the last committed checkpoint (exactly what the
    /// chain names, not whatever the workload left in its checkpoint folder since); null before the first commit.
    /// </summary>
    private async Task<string?> ResumeDirectoryAsync(CancellationToken cancellationToken)
    {
        if (_record.CommittedCid is not { } committed)
        {
            return null;
        }

        var destination = Path.Combine(WorkloadDirectory, "resume", $"step-{_record.CommittedStep}");
        if (!Directory.Exists(destination))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            await new UnixFsExporter(_context.Content.Blocks).ExportAsync(Cid.Parse(committed), destination, cancellationToken).ConfigureAwait(false);
        }

        return destination;
    }
}
