namespace DePinGpu.Ipfs.Gateway;

/// <summary>Why one gateway could not deliver a block or a CAR.</summary>
public enum GatewayFailureKind
{
    /// <summary>404 (or 410/451): the gateway does not have the content.</summary>
    NotFound,

    /// <summary>The gateway sent bytes that do not hash to the CID.</summary>
    Corrupt,

    /// <summary>Another HTTP status (429, 5xx, 4xx).</summary>
    HttpStatus,

    /// <summary>No answer within the request timeout.</summary>
    Timeout,

    /// <summary>The connection failed or broke.</summary>
    Network,

    /// <summary>The response exceeded a size limit.</summary>
    TooLarge,

    /// <summary>The response was malformed: wrong content type, broken CAR, too many unexpected blocks, incomplete CAR.</summary>
    BadResponse,
}
