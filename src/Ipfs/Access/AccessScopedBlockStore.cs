using System.Buffers;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Access;

/// <summary>
/// A read view of a block store for the gateway: a block the policy refuses to the current <see cref="AccessScope"/>
/// requester reads as absent, so a DAG walk that reaches into a restricted checkpoint stops there as if the block were
/// missing. Writes, deletes and enumeration pass through (the gateway never uses them).
/// </summary>
internal sealed class AccessScopedBlockStore : IBlockStore
{
    private readonly IBlockStore _inner;
    private readonly IBlockAccessPolicy _policy;

    public AccessScopedBlockStore(IBlockStore inner, IBlockAccessPolicy policy)
    {
        _inner = inner;
        _policy = policy;
    }

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) =>
        Allowed(cid) ? _inner.HasAsync(cid, cancellationToken) : ValueTask.FromResult(false);

    public ValueTask<byte[]?> GetAsync(Cid cid, CancellationToken cancellationToken = default) =>
        Allowed(cid) ? _inner.GetAsync(cid, cancellationToken) : ValueTask.FromResult<byte[]?>(null);

    public ValueTask<IMemoryOwner<byte>?> RentAsync(Cid cid, CancellationToken cancellationToken = default) =>
        Allowed(cid) ? _inner.RentAsync(cid, cancellationToken) : ValueTask.FromResult<IMemoryOwner<byte>?>(null);

    public ValueTask<int?> GetSizeAsync(Cid cid, CancellationToken cancellationToken = default) =>
        Allowed(cid) ? _inner.GetSizeAsync(cid, cancellationToken) : ValueTask.FromResult<int?>(null);

    public ValueTask<bool> PutAsync(Block block, CancellationToken cancellationToken = default) => _inner.PutAsync(block, cancellationToken);

    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) => _inner.DeleteAsync(cid, cancellationToken);

    public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) => _inner.EnumerateAsync(cancellationToken);

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => _inner.FlushAsync(cancellationToken);

    public BlockStoreUsage GetUsage() => _inner.GetUsage();

    private bool Allowed(Cid cid) => _policy.MayServe(cid, AccessScope.Current);
}
