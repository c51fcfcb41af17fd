namespace DePinGpu.Libp2p.Multiformats;

/// <summary>Outcome of reading a varint from a buffer that may be incomplete.</summary>
public enum VarintStatus
{
    /// <summary>A complete, minimal varint was read.</summary>
    Ok,

    /// <summary>The buffer ends inside the varint; read more bytes and retry.</summary>
    NeedMoreData,

    /// <summary>The bytes are not a valid varint (longer than 9 bytes or not minimally encoded).</summary>
    Invalid,
}
