using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.ProviderNode.Execution;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>Creates a <see cref="CheckpointWatcher"/> per lease run, over the node's content store.</summary>
public sealed class CheckpointWatcherFactory
{
    private readonly ContentStore _store;
    private readonly UnixFsImporter _importer;
    private readonly CheckpointWatcherOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly CheckpointMetrics _metrics;

    /// <summary>Creates the factory.</summary>
    public CheckpointWatcherFactory(ContentStore store, UnixFsImporter importer, IOptions<CheckpointWatcherOptions> options, ILoggerFactory loggers, CheckpointMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _importer = importer;
        _options = options.Value;
        _loggers = loggers;
        _metrics = metrics;
    }

    /// <summary>A watcher for <paramref name="lease"/>'s checkpoint directory; <paramref name="committedStep"/> is the last step on-chain.</summary>
    public CheckpointWatcher Create(LeaseEpoch lease, string directory, ulong? committedStep) =>
        new(lease, directory, committedStep, _store, _importer, _options, _loggers.CreateLogger<CheckpointWatcher>(), _metrics);
}
