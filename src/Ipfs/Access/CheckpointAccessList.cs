using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.RegularExpressions;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Access;

/// <summary>
/// The node's checkpoint access list: for each lease, the blocks under its checkpoint root and who may read them (the
/// current provider and standbys by peer id, the tenant by address). A block under a root the operator marked public is
/// served to anyone, whatever else it belongs to; a block under a lease's root only to that lease's readers (to the
/// readers of any lease that holds it, when leases share blocks); any other block per <see cref="UnlistedBlockAccess"/>.
/// Grants are idempotent (chain events arrive at least once): granting a lease again replaces its entry, and a hand-over
/// only swaps the peer set. Thread-safe; reads take no lock.
/// </summary>
public sealed partial class CheckpointAccessList : IBlockAccessPolicy
{
    private readonly ConcurrentDictionary<string, LeaseEntry> _leases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Cid, FrozenSet<Cid>> _publicRoots = new();
    private readonly UnlistedBlockAccess _unlisted;

    /// <summary>Creates an empty list; <paramref name="unlisted"/> decides for blocks under no grant and no public root.</summary>
    public CheckpointAccessList(UnlistedBlockAccess unlisted = UnlistedBlockAccess.Public)
    {
        _unlisted = unlisted;
    }

    /// <inheritdoc/>
    public event Action<IReadOnlyCollection<Cid>>? ReadersChanged;

    /// <summary>The leases granted now.</summary>
    public IReadOnlyCollection<CheckpointGrant> Grants => [.. _leases.Values.Select(entry => entry.Grant)];

    /// <summary>
    /// Restricts the checkpoint under <paramref name="grant"/>'s root to its readers: walks the blocks present in
    /// <paramref name="store"/> (a block not yet stored is listed by CID, its children once <see cref="GrantAsync"/> runs
    /// again after the fetch). Returns the number of blocks listed.
    /// </summary>
    public async Task<int> GrantAsync(CheckpointGrant grant, IBlockStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(grant.LeaseId);
        ValidateAddress(grant.TenantAddress);
        var blocks = await CheckpointBlocks.CollectAsync(store, grant.Root, cancellationToken).ConfigureAwait(false);
        _leases[grant.LeaseId] = new LeaseEntry(grant with { Peers = grant.Peers.ToFrozenSet() }, blocks);
        ReadersChanged?.Invoke(blocks);
        return blocks.Count;
    }

    /// <summary>A hand-over: the lease's readers become <paramref name="peers"/> (plus its tenant). False when the lease is not granted.</summary>
    public bool UpdatePeers(string leaseId, IEnumerable<PeerId> peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        var frozen = peers.ToFrozenSet();
        while (_leases.TryGetValue(leaseId, out var current))
        {
            var updated = current with { Grant = current.Grant with { Peers = frozen } };
            if (_leases.TryUpdate(leaseId, updated, current))
            {
                ReadersChanged?.Invoke(current.Blocks);
                return true;
            }
        }

        return false;
    }

    /// <summary>Ends a lease's restriction (its blocks fall back to public roots or the unlisted rule). False when unknown.</summary>
    public bool Revoke(string leaseId)
    {
        if (!_leases.TryRemove(leaseId, out var removed))
        {
            return false;
        }

        ReadersChanged?.Invoke(removed.Blocks);
        return true;
    }

    /// <summary>Marks everything under <paramref name="root"/> public (content the operator pins on purpose); returns the blocks listed.</summary>
    public async Task<int> MarkPublicAsync(Cid root, IBlockStore store, CancellationToken cancellationToken = default)
    {
        var blocks = await CheckpointBlocks.CollectAsync(store, root, cancellationToken).ConfigureAwait(false);
        _publicRoots[root.ToV1()] = blocks;
        ReadersChanged?.Invoke(blocks);
        return blocks.Count;
    }

    /// <summary>Withdraws a public mark. False when the root was not marked.</summary>
    public bool UnmarkPublic(Cid root) => _publicRoots.TryRemove(root.ToV1(), out _);

    /// <inheritdoc/>
    public bool MayServe(Cid block, Requester requester)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(requester);
        var key = block.ToV1();
        foreach (var publicBlocks in _publicRoots.Values)
        {
            if (publicBlocks.Contains(key))
            {
                return true;
            }
        }

        var restricted = false;
        foreach (var entry in _leases.Values)
        {
            if (!entry.Blocks.Contains(key))
            {
                continue;
            }

            restricted = true;
            if (IsReader(entry.Grant, requester))
            {
                return true;
            }
        }

        return !restricted && _unlisted == UnlistedBlockAccess.Public;
    }

    private static bool IsReader(CheckpointGrant grant, Requester requester) =>
        (requester.Peer is { } peer && grant.Peers.Contains(peer))
        || (requester.TenantAddress is { } address && string.Equals(address, grant.TenantAddress, StringComparison.OrdinalIgnoreCase));

    private static void ValidateAddress(string address)
    {
        if (address is null || !AddressPattern().IsMatch(address))
        {
            throw new ArgumentException($"'{address}' is not an Ethereum address (0x and 40 hex digits).", nameof(address));
        }
    }

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$")]
    private static partial Regex AddressPattern();

    private sealed record LeaseEntry(CheckpointGrant Grant, FrozenSet<Cid> Blocks);
}
