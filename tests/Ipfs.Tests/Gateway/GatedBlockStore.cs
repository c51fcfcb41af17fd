using System.Buffers;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Gateway;

/// <summary>
/// A block store that holds every read of one chosen CID until the test opens the gate, so a test can keep a request in
/// flight (concurrency limit, timeouts); other reads pass straight to the inner store.
/// </summary>
internal sealed class GatedBlockStore : IBlockStore
{
    private readonly IBlockStore _inner;
    private readonly Cid _gated;
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GatedBlockStore(IBlockStore inner, Cid gated)
    {
        _inner = inner;
        _gated = gated.ToV1();
    }

    /// <summary>Completes when a read of the gated CID is waiting.</summary>
    public Task Reached => _reached.Task;

    public void Open() => _gate.TrySetResult();

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => _inner.HasAsync(cid, cancellationToken);

    public ValueTask<byte[]?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => _inner.GetAsync(cid, cancellationToken);

    public async ValueTask<IMemoryOwner<byte>?> RentAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        if (cid.ToV1() == _gated)
        {
            _reached.TrySetResult();
            await _gate.Task.WaitAsync(cancellationToken);
        }

        return await _inner.RentAsync(cid, cancellationToken);
    }

    public ValueTask<int?> GetSizeAsync(Cid cid, CancellationToken cancellationToken = default) => _inner.GetSizeAsync(cid, cancellationToken);

    public ValueTask<bool> PutAsync(Block block, CancellationToken cancellationToken = default) => _inner.PutAsync(block, cancellationToken);

    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) => _inner.DeleteAsync(cid, cancellationToken);

    public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) => _inner.EnumerateAsync(cancellationToken);

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => _inner.FlushAsync(cancellationToken);

    public BlockStoreUsage GetUsage() => _inner.GetUsage();
}
