using System.Numerics;
using System.Threading.Channels;

namespace DePinGpu.ProviderNode.Verifier;

/// <summary>
/// What the chain events and gossip tell the verifier loop: leases and providers to re-read from the chain, and gossip
/// heartbeats. Hints, not facts: the loop re-reads the chain for every one, so a hint delivered twice changes nothing.
/// </summary>
public sealed class VerifierInbox
{
    private readonly Channel<VerifierHint> _hints = Channel.CreateUnbounded<VerifierHint>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The loop's side.</summary>
    public ChannelReader<VerifierHint> Reader => _hints.Reader;

    /// <summary>A lease changed on-chain (assigned, started, reassigned, reopened, closed, completed).</summary>
    public void LeaseChanged(BigInteger leaseId) => _hints.Writer.TryWrite(new VerifierHint(leaseId, null, null));

    /// <summary>A provider's on-chain heartbeat was recorded.</summary>
    public void HeartbeatRecorded(string provider) => _hints.Writer.TryWrite(new VerifierHint(null, provider, null));

    /// <summary>A provider's node gossiped a heartbeat sent at <paramref name="sentAt"/>.</summary>
    public void GossipSeen(string provider, DateTimeOffset sentAt) => _hints.Writer.TryWrite(new VerifierHint(null, provider, sentAt));
}
