using DePinGpu.Libp2p.Multiformats;
namespace DePinGpu.Protocol.Events.Registry;

/// <summary>The ProviderRegistry event <c>MetadataUpdated(address indexed provider, bytes metadataCid)</c>.</summary>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="MetadataCid">The event's <c>metadataCid</c>.</param>
public sealed record MetadataUpdated(string Provider, Cid? MetadataCid) : ChainEvent;
