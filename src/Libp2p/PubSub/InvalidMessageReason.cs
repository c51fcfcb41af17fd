namespace DePinGpu.Libp2p.PubSub;

/// <summary>Why a received message failed the checks that precede application validation.</summary>
public enum InvalidMessageReason
{
    /// <summary>No problem.</summary>
    None,

    /// <summary>StrictSign: the sequence number is absent or not exactly 8 bytes.</summary>
    InvalidSequenceNumber,

    /// <summary>StrictSign: the signature is absent.</summary>
    MissingSignature,

    /// <summary>StrictSign: <c>from</c> is absent or not a valid peer id.</summary>
    InvalidAuthor,

    /// <summary>StrictSign: <c>key</c> is malformed or does not belong to <c>from</c>, or no key is available.</summary>
    InvalidKey,

    /// <summary>StrictSign: the signature does not verify.</summary>
    InvalidSignature,

    /// <summary>StrictNoSign: the message carries author or signature fields.</summary>
    UnexpectedAuthorFields,

    /// <summary>The encoded message exceeds the maximum message size.</summary>
    TooLarge,
}
