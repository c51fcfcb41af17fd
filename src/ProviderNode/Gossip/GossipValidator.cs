using System.Globalization;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>
/// The validation rules of docs/gossip.md, for every topic: the message decodes within its bounds; its signer (the
/// StrictSign author) is a registered, unjailed operator and speaks for the provider the message names; its time is
/// within the allowed skew; its sequence number is above the signer's last on the topic; and every lease it names is
/// the signer's at that epoch (for a replica announcement: the signer is one of the lease's standbys or its holder).
/// Invalid messages are rejected, so GossipSub penalises the peer that sent them and never relays them; benign
/// staleness (a lease that moved on since, a registry not read yet) is ignored.
/// </summary>
public sealed class GossipValidator
{
    private readonly OperatorDirectory _directory;
    private readonly LeaseParticipantsCache _leases;
    private readonly SequenceTracker _sequences;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxClockSkew;

    /// <summary>Creates the validator.</summary>
    public GossipValidator(OperatorDirectory directory, LeaseParticipantsCache leases, SequenceTracker sequences, TimeProvider time, TimeSpan maxClockSkew)
    {
        _directory = directory;
        _leases = leases;
        _sequences = sequences;
        _time = time;
        _maxClockSkew = maxClockSkew;
    }

    /// <summary>Validates <paramref name="message"/> received on the topic of <paramref name="topic"/>.</summary>
    public async Task<GossipVerdict> ValidateAsync(GossipTopicKind topic, PubSubMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Author is not { } signer)
        {
            return GossipVerdict.Reject("The message is unsigned (the topics require StrictSign).");
        }

        var data = message.Data.Span;
        return topic switch
        {
            GossipTopicKind.Heartbeats => GossipDecoder.TryDecodeHeartbeat(data, out var heartbeat, out var error)
                ? await CheckAsync(signer, topic, heartbeat.Header, heartbeat.Leases, held: false, cancellationToken).ConfigureAwait(false)
                : GossipVerdict.Reject(error),
            GossipTopicKind.Checkpoints => GossipDecoder.TryDecodeCheckpoint(data, out var announcement, out var error)
                ? await CheckAsync(signer, topic, announcement.Header, [new LeaseEpoch(announcement.LeaseId, announcement.Epoch)], announcement.Held, cancellationToken).ConfigureAwait(false)
                : GossipVerdict.Reject(error),
            _ => GossipDecoder.TryDecodeCapacity(data, out var capacity, out var error)
                ? await CheckAsync(signer, topic, capacity.Header, [], held: false, cancellationToken).ConfigureAwait(false)
                : GossipVerdict.Reject(error),
        };
    }

    private async Task<GossipVerdict> CheckAsync(
        PeerId signer, GossipTopicKind topic, GossipHeader header, IReadOnlyList<LeaseEpoch> leases, bool held, CancellationToken cancellationToken)
    {
        var verdict = CheckSigner(signer, header) ?? CheckTime(header) ?? CheckSequence(signer, topic, header);
        if (verdict is not null)
        {
            return verdict;
        }

        foreach (var lease in leases)
        {
            verdict = held
                ? await CheckReplicaAsync(header.Provider, lease, cancellationToken).ConfigureAwait(false)
                : await CheckHolderAsync(header.Provider, lease, cancellationToken).ConfigureAwait(false);
            if (verdict is not null)
            {
                return verdict;
            }
        }

        return _sequences.TryAdvance(signer, topic, header.Sequence)
            ? GossipVerdict.Accept
            : GossipVerdict.Reject(Replayed(header.Sequence));
    }

    private GossipVerdict? CheckSigner(PeerId signer, GossipHeader header)
    {
        if (_directory.Find(signer) is not { } registered)
        {
            return _directory.IsLoaded
                ? GossipVerdict.Reject($"The signer {signer} is not a registered operator.")
                : GossipVerdict.Ignore("The registry has not been read yet.");
        }

        if (registered.Jailed)
        {
            return GossipVerdict.Reject($"The signer's provider {registered.Provider} is jailed.");
        }

        return string.Equals(registered.Provider, header.Provider, StringComparison.Ordinal)
            ? null
            : GossipVerdict.Reject($"The signer operates {registered.Provider}, not {header.Provider}.");
    }

    private GossipVerdict? CheckTime(GossipHeader header)
    {
        var offset = header.SentAt - _time.GetUtcNow();
        return offset.Duration() <= _maxClockSkew
            ? null
            : GossipVerdict.Reject(string.Create(CultureInfo.InvariantCulture, $"The message's time is {offset.TotalSeconds:F1} s from ours; at most {_maxClockSkew.TotalSeconds:F0} s is allowed."));
    }

    private GossipVerdict? CheckSequence(PeerId signer, GossipTopicKind topic, GossipHeader header) =>
        _sequences.IsFresh(signer, topic, header.Sequence) ? null : GossipVerdict.Reject(Replayed(header.Sequence));

    private async Task<GossipVerdict?> CheckHolderAsync(string provider, LeaseEpoch lease, CancellationToken cancellationToken)
    {
        var participants = await _leases.GetAsync(
            lease.LeaseId,
            // Any disagreement is read again (at most once per refresh interval per lease), an older epoch included: a
            // reorg can take the chain back to an epoch below the cached one, and a cache that only ever moved forward
            // ignored the canonical holder's messages for good (its standbys never replicated its checkpoints again).
            cached => cached is null || cached.Epoch != lease.Epoch || cached.Provider != provider,
            cancellationToken).ConfigureAwait(false);
        if (participants is null)
        {
            return GossipVerdict.Reject($"Lease {lease.LeaseId} does not exist.");
        }

        if (lease.Epoch < participants.Epoch)
        {
            return GossipVerdict.Ignore($"Lease {lease.LeaseId} moved on to epoch {participants.Epoch} since epoch {lease.Epoch}.");
        }

        return lease.Epoch == participants.Epoch && participants.Provider == provider
            ? null
            : GossipVerdict.Reject($"Lease {lease.LeaseId} at epoch {lease.Epoch} is not {provider}'s.");
    }

    private async Task<GossipVerdict?> CheckReplicaAsync(string provider, LeaseEpoch lease, CancellationToken cancellationToken)
    {
        var participants = await _leases.GetAsync(
            lease.LeaseId,
            cached => cached is null || cached.Epoch < lease.Epoch || !Participates(cached, provider),
            cancellationToken).ConfigureAwait(false);
        if (participants is null)
        {
            return GossipVerdict.Reject($"Lease {lease.LeaseId} does not exist.");
        }

        if (lease.Epoch > participants.Epoch)
        {
            return GossipVerdict.Reject($"Lease {lease.LeaseId} has not reached epoch {lease.Epoch}.");
        }

        return Participates(participants, provider)
            ? null
            : GossipVerdict.Reject($"{provider} is neither a standby nor the holder of lease {lease.LeaseId}.");
    }

    private static bool Participates(LeaseParticipants participants, string provider) =>
        participants.Provider == provider || participants.Standbys.Contains(provider);

    private static string Replayed(ulong sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"Sequence {sequence} is not above the signer's last one on this topic (a replay).");

    /// <summary>The libp2p validator of <paramref name="topic"/>.</summary>
    public TopicValidator For(GossipTopicKind topic) =>
        async (message, cancellationToken) => (await ValidateAsync(topic, message, cancellationToken).ConfigureAwait(false)).Result;
}
