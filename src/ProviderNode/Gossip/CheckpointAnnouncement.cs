using System.Numerics;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>A checkpoint a node imported (the lease's holder) or holds (a standby that fetched and pinned it), on the <c>checkpoints</c> topic.</summary>
/// <param name="Header">Provider, sequence, time.</param>
/// <param name="LeaseId">The lease.</param>
/// <param name="Epoch">The epoch the checkpoint was made at.</param>
/// <param name="Step">The checkpoint's step.</param>
/// <param name="Cid">The checkpoint's root CID.</param>
/// <param name="Held">False: the holder imported it; true: a standby fetched, verified and pinned it.</param>
public sealed record CheckpointAnnouncement(GossipHeader Header, BigInteger LeaseId, uint Epoch, ulong Step, Cid Cid, bool Held);
