using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bench.Benchmarks;

/// <summary>
/// The steady state of a provider's store: a new checkpoint replaces the previous one. Per run, a new store imports the
/// previous checkpoint (a different file of the same size) and garbage-collects it (every block deleted, so their files
/// become spares), then imports the measured file — whose blocks reuse those files instead of creating new ones.
/// </summary>
internal sealed class CheckpointReplacement(BenchFiles files, string input, string previous)
{
    private int _stores;

    public async Task<(Sample Time, Cid Cid)> RunAsync()
    {
        using var store = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = files.PathOf($"replacement-store-{++_stores}") });
        await new UnixFsImporter().ImportAsync(previous, store);
        var stored = new List<Cid>();
        await foreach (var cid in store.EnumerateAsync())
        {
            stored.Add(cid);
        }

        foreach (var cid in stored)
        {
            await store.DeleteAsync(cid);
        }

        await store.FlushAsync();
        Cid? imported = null;
        var time = await Measure.TimeAsync(async () => imported = (await new UnixFsImporter().ImportAsync(input, store)).Cid);
        return (time, imported!);
    }
}
