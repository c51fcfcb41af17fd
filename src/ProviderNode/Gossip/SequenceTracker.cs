using System.Collections.Concurrent;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>
/// The highest sequence number accepted per signer and topic. Only registered signers get here (the directory check
/// comes first), so the table is bounded by the registry's size.
/// </summary>
public sealed class SequenceTracker
{
    private readonly ConcurrentDictionary<(PeerId Signer, GossipTopicKind Topic), ulong> _highest = new();

    /// <summary>True when <paramref name="sequence"/> is above everything accepted from the signer on the topic.</summary>
    public bool IsFresh(PeerId signer, GossipTopicKind topic, ulong sequence) =>
        !_highest.TryGetValue((signer, topic), out var highest) || sequence > highest;

    /// <summary>Records <paramref name="sequence"/>; false when an equal or higher one was accepted meanwhile.</summary>
    public bool TryAdvance(PeerId signer, GossipTopicKind topic, ulong sequence)
    {
        while (true)
        {
            if (!_highest.TryGetValue((signer, topic), out var highest))
            {
                if (_highest.TryAdd((signer, topic), sequence))
                {
                    return true;
                }

                continue;
            }

            if (sequence <= highest)
            {
                return false;
            }

            if (_highest.TryUpdate((signer, topic), sequence, highest))
            {
                return true;
            }
        }
    }
}
