using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Pins;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// Puts the node's metadata block (<c>&lt;data-dir&gt;/metadata.json</c>, written by <c>depin-node register</c>; its
/// raw-codec CID is the registry's <c>metadataCid</c>) into the content store, pinned, when the daemon starts, so the
/// trustless gateway serves it at <c>/ipfs/&lt;cid&gt;</c> to tenants and peers that look the provider up.
/// </summary>
public sealed class NodeMetadataPublisher : IHostedService
{
    /// <summary>The metadata file's name in the data directory.</summary>
    public const string FileName = "metadata.json";

    /// <summary>The largest metadata block published (one block; register writes a few hundred bytes).</summary>
    public const int MaxBytes = 64 * 1024;

    private readonly ContentStore _content;
    private readonly string _path;
    private readonly ILogger<NodeMetadataPublisher> _logger;

    /// <summary>Creates the publisher; nothing is read until it starts.</summary>
    public NodeMetadataPublisher(ContentStore content, IOptions<NodeOptions> node, ILogger<NodeMetadataPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(node);
        _content = content;
        _path = Path.Combine(node.Value.DataDirectory, FileName);
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var file = new FileInfo(_path);
        if (!file.Exists)
        {
            ApiLog.NoMetadata(_logger, _path);
            return;
        }

        if (file.Length > MaxBytes)
        {
            ApiLog.MetadataTooLarge(_logger, _path, file.Length, MaxBytes);
            return;
        }

        var block = Block.Create(MulticodecCode.Raw, await File.ReadAllBytesAsync(_path, cancellationToken).ConfigureAwait(false));
        await using (var session = _content.BeginSession())
        {
            await session.PutAsync(block, cancellationToken).ConfigureAwait(false);
            await session.PinAsync(block.Cid, PinType.Recursive, "node metadata", cancellationToken).ConfigureAwait(false);
        }

        ApiLog.MetadataPublished(_logger, block.Cid.ToString());
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
