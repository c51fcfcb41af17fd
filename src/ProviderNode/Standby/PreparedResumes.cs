using System.Collections.Concurrent;
using System.Numerics;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.Standby;

/// <summary>
/// Checkpoints exported ahead of a hand-over (one per lease, the newest one this standby holds), under
/// <c>{workloads}/prepared/{lease}/{cid}</c>. When the lease is handed to this node, the run's resume folder is the
/// prepared one if it is exactly the checkpoint committed on-chain: no log scan, no fetch and no export stand between
/// the <c>LeaseReassigned</c> event and the workload's start. In memory only: after a restart the hand-over exports
/// again (a restart costs more than that anyway).
/// </summary>
public sealed class PreparedResumes
{
    private readonly ConcurrentDictionary<BigInteger, PreparedResume> _prepared = new();
    private readonly ContentStore _content;
    private readonly string _directory;

    /// <summary>Creates the store; folders go under <paramref name="workloadsDirectory"/>/prepared.</summary>
    public PreparedResumes(ContentStore content, string workloadsDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(workloadsDirectory);
        _content = content;
        _directory = Path.Combine(workloadsDirectory, "prepared");
    }

    /// <summary>The prepared checkpoint of <paramref name="leaseId"/>, if any.</summary>
    public PreparedResume? Find(BigInteger leaseId) => _prepared.TryGetValue(leaseId, out var prepared) ? prepared : null;

    /// <summary>Exports checkpoint <paramref name="cid"/> (held here) of <paramref name="leaseId"/> and keeps it as the lease's prepared resume, replacing an older one.</summary>
    public async Task<PreparedResume> PrepareAsync(BigInteger leaseId, Cid cid, long epoch, long step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cid);
        var folder = Path.Combine(_directory, leaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), cid.ToString());
        DeleteFolder(folder);
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        await new UnixFsExporter(_content.Blocks).ExportAsync(cid, folder, cancellationToken).ConfigureAwait(false);
        var prepared = new PreparedResume(leaseId, cid, epoch, step, folder);
        if (_prepared.TryGetValue(leaseId, out var older) && older.Directory != folder)
        {
            DeleteFolder(older.Directory);
        }

        _prepared[leaseId] = prepared;
        return prepared;
    }

    /// <summary>
    /// Moves the prepared checkpoint of <paramref name="leaseId"/> to <paramref name="destination"/> (replaced) when it is
    /// <paramref name="committed"/>; null, and nothing moved, when none is prepared or the prepared one is not that one.
    /// </summary>
    public PreparedResume? Take(BigInteger leaseId, Func<Cid, bool> committed, string destination)
    {
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        if (!_prepared.TryGetValue(leaseId, out var prepared) || !committed(prepared.Cid) || !_prepared.TryRemove(leaseId, out _))
        {
            return null;
        }

        DeleteFolder(destination);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        Directory.Move(prepared.Directory, destination);
        return prepared with { Directory = destination };
    }

    /// <summary>Forgets the prepared checkpoint of <paramref name="leaseId"/> and deletes its folder; false when there was none.</summary>
    public bool Discard(BigInteger leaseId)
    {
        if (!_prepared.TryRemove(leaseId, out var prepared))
        {
            return false;
        }

        DeleteFolder(prepared.Directory);
        return true;
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
