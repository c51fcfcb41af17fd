using System.Numerics;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.Standby;

/// <summary>A checkpoint a standby exported ahead of a hand-over, ready to be the resume folder.</summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="Cid">The checkpoint's root CID.</param>
/// <param name="Epoch">The epoch it was made at.</param>
/// <param name="Step">Its step.</param>
/// <param name="Directory">Where it was exported.</param>
public sealed record PreparedResume(BigInteger LeaseId, Cid Cid, long Epoch, long Step, string Directory);
