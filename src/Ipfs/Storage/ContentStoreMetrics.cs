using System.Diagnostics.Metrics;

namespace DePinGpu.Ipfs.Storage;

/// <summary>
/// A content store's instruments on the meter <c>DePinGpu.Ipfs.Storage</c>: blocks and bytes stored, open import
/// sessions. Read when exported, from the store's own accounting. Names are stable; see docs/architecture.md.
/// </summary>
public sealed class ContentStoreMetrics : IDisposable
{
    /// <summary>The meter name to export.</summary>
    public const string MeterName = "DePinGpu.Ipfs.Storage";

    private readonly Meter _meter = new(MeterName);

    internal ContentStoreMetrics(ContentStore store)
    {
        _meter.CreateObservableUpDownCounter("ipfs.store.blocks", () => store.Blocks.GetUsage().BlockCount, "{block}", "Blocks in the store.");
        _meter.CreateObservableUpDownCounter("ipfs.store.bytes", () => store.Blocks.GetUsage().TotalBytes, "By", "Bytes of block data in the store.");
        _meter.CreateObservableUpDownCounter("ipfs.store.import_sessions", () => store.OpenSessionCount, "{session}", "Import sessions open now.");
    }

    /// <summary>Ends the meter.</summary>
    public void Dispose() => _meter.Dispose();
}
