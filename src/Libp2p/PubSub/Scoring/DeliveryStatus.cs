namespace DePinGpu.Libp2p.PubSub.Scoring;

/// <summary>Where a message stands in validation, for attributing duplicates.</summary>
internal enum DeliveryStatus
{
    Unknown,
    Valid,
    Invalid,
    Ignored,
}
