using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Api;

/// <summary>API log events (ids 8620–8639; stable, documented for operators).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 8620, Level = LogLevel.Information, Message = "Node metadata served at /ipfs/{Cid}")]
    public static partial void MetadataPublished(ILogger logger, string cid);

    [LoggerMessage(EventId = 8621, Level = LogLevel.Information, Message = "No node metadata at {Path} yet (depin-node register writes it); nothing to serve")]
    public static partial void NoMetadata(ILogger logger, string path);

    [LoggerMessage(EventId = 8622, Level = LogLevel.Warning, Message = "Node metadata {Path} is {Bytes} bytes, over the {MaxBytes} a metadata block may have; not served")]
    public static partial void MetadataTooLarge(ILogger logger, string path, long bytes, int maxBytes);
}
