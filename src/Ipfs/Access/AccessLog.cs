using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Access;

/// <summary>Checkpoint access log events (ids 5430–5439; stable, documented for operators). Signatures are never logged.</summary>
internal static partial class AccessLog
{
    [LoggerMessage(EventId = 5430, Level = LogLevel.Information, Message = "Refused {Cid} to {Requester}: a checkpoint of a lease it does not belong to")]
    public static partial void Forbidden(ILogger logger, string cid, string requester);

    [LoggerMessage(EventId = 5431, Level = LogLevel.Information, Message = "Refused a tenant-signed request for {Path}: {Reason}")]
    public static partial void SignatureRefused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 5432, Level = LogLevel.Debug, Message = "Bitswap want for {Cid} from {Peer} answered as absent: not a reader of its checkpoint")]
    public static partial void WantRefused(ILogger logger, string cid, string peer);
}
