using System.Numerics;
using DePinGpu.Ipfs.Fetching;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Rpc;
using Nethereum.Util;
using Definitions = DePinGpu.Protocol.Contracts.LeaseMarket.ContractDefinition;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>
/// Gets a lease's last committed checkpoint into a resume folder for a hand-over. The market stores only
/// <c>bytes20(keccak256(cid))</c> of it, so the CID is read from the newest <c>CheckpointCommitted</c> log of the lease
/// whose CID hashes to that digest (logs are scanned backwards from the head in windows). The checkpoint is normally
/// pinned here already (this node replicated it as a standby); otherwise it is fetched through the
/// <see cref="IContentFetcher"/>, which verifies every block against its CID.
/// </summary>
public sealed class CommittedCheckpointExporter
{
    private const ulong LogWindow = 5_000;
    private readonly ProtocolConnection _chain;
    private readonly ContentStore _content;
    private readonly IContentFetcher? _fetcher;
    private readonly Standby.PreparedResumes? _prepared;

    /// <summary>
    /// Creates the exporter; <paramref name="fetcher"/> is optional (without it only local checkpoints can be exported),
    /// and so is <paramref name="prepared"/> (checkpoints a standby exported ahead of the hand-over).
    /// </summary>
    public CommittedCheckpointExporter(ProtocolConnection chain, ContentStore content, IContentFetcher? fetcher, Standby.PreparedResumes? prepared = null)
    {
        _chain = chain;
        _content = content;
        _fetcher = fetcher;
        _prepared = prepared;
    }

    /// <summary>
    /// Exports the checkpoint whose digest is <paramref name="digest"/> (from the lease on-chain; null: none committed)
    /// into <paramref name="destination"/>, which is replaced.
    /// </summary>
    public async Task<CommittedCheckpoint> ExportAsync(BigInteger leaseId, byte[]? digest, string destination, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        if (digest is null)
        {
            return CommittedCheckpoint.None;
        }

        // Prepared while the provider was silent, and exactly the committed one: nothing to look up, fetch or export.
        if (_prepared?.Take(leaseId, cid => Matches(cid, digest), destination) is { } prepared)
        {
            return new CommittedCheckpoint(prepared.Cid, (ulong)prepared.Step, destination, null, Prepared: true);
        }

        if (await FindAsync(leaseId, digest, cancellationToken).ConfigureAwait(false) is not { Cid: { } cid } committed)
        {
            return new CommittedCheckpoint(null, 0, null, "no CheckpointCommitted log of the lease matches the digest on-chain");
        }

        if (await _content.GetPinStateAsync(cid, cancellationToken).ConfigureAwait(false) is null && _fetcher is not null)
        {
            var fetched = await _fetcher.FetchDagAsync(cid, $"resume of lease {leaseId}", cancellationToken).ConfigureAwait(false);
            if (!fetched.IsComplete)
            {
                return new CommittedCheckpoint(cid, committed.Step, null, $"checkpoint {cid} could not be fetched: {fetched.Error}");
            }
        }

        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        try
        {
            await new UnixFsExporter(_content.Blocks).ExportAsync(cid, destination, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is Ipfs.Blocks.BlockNotFoundException or IOException or InvalidDataException)
        {
            return new CommittedCheckpoint(cid, committed.Step, null, $"checkpoint {cid} could not be exported: {exception.Message}");
        }

        return new CommittedCheckpoint(cid, committed.Step, destination, null);
    }

    /// <summary>The newest commit of <paramref name="leaseId"/> whose CID hashes to <paramref name="digest"/>; null when none.</summary>
    private async Task<CheckpointCommitted?> FindAsync(BigInteger leaseId, byte[] digest, CancellationToken cancellationToken)
    {
        var topic = "0x" + Nethereum.Contracts.ABITypedRegistry.GetEvent<Definitions.CheckpointCommittedEventDTO>().Sha3Signature.ToLowerInvariant();
        var to = await _chain.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var from = to >= LogWindow ? to - LogWindow + 1 : 0;
            var logs = await _chain.Rpc.GetLogsAsync(new LogFilter(from, to, [_chain.Deployment.Contracts.Market], [topic]), cancellationToken).ConfigureAwait(false);
            var match = _chain.Events.DecodeAll(logs).OfType<CheckpointCommitted>()
                .LastOrDefault(commit => commit.LeaseId == leaseId && commit.Cid is { } cid && Matches(cid, digest));
            if (match is not null || from == 0)
            {
                return match;
            }

            to = from - 1;
        }
    }

    /// <summary>True when <paramref name="cid"/>'s binary form hashes to <paramref name="digest"/> (the first 20 bytes of keccak-256).</summary>
    public static bool Matches(Cid cid, byte[] digest)
    {
        ArgumentNullException.ThrowIfNull(cid);
        ArgumentNullException.ThrowIfNull(digest);
        var hash = Sha3Keccack.Current.CalculateHash(cid.Bytes.ToArray());
        return hash.AsSpan(0, 20).SequenceEqual(digest);
    }
}
