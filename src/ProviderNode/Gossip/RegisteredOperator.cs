using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>A provider's operator as the registry knows it (a row of the <see cref="OperatorDirectory"/>).</summary>
/// <param name="Provider">The owner address, lower-case.</param>
/// <param name="Operator">The operator address, lower-case.</param>
/// <param name="PeerId">The operator's peer id: the only key that may sign the provider's gossip.</param>
/// <param name="Jailed">True while jailed.</param>
/// <param name="MetadataCid">The provider's metadata block (null when none).</param>
public sealed record RegisteredOperator(string Provider, string Operator, PeerId PeerId, bool Jailed, Cid? MetadataCid);
