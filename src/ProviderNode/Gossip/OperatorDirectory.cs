using System.Collections.Immutable;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Registry;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>
/// The registry's operators by peer id, held in memory for the gossip validators: loaded from a snapshot of the
/// registry (<see cref="Load"/>) and kept current by its events (<see cref="Apply"/>). Applying an event twice leaves
/// the same state, so at-least-once delivery is harmless.
/// </summary>
public sealed class OperatorDirectory
{
    private readonly object _gate = new();
    private ImmutableDictionary<string, RegisteredOperator> _byProvider = ImmutableDictionary.Create<string, RegisteredOperator>(StringComparer.Ordinal);
    private ImmutableDictionary<PeerId, RegisteredOperator> _byPeer = ImmutableDictionary<PeerId, RegisteredOperator>.Empty;

    /// <summary>True once a snapshot was loaded: before that an unknown signer may simply not be read yet.</summary>
    public bool IsLoaded { get; private set; }

    /// <summary>Every registered operator.</summary>
    public IReadOnlyCollection<RegisteredOperator> Operators => _byProvider.Values.ToArray();

    /// <summary>The operator whose peer id is <paramref name="peer"/>; null when none is registered.</summary>
    public RegisteredOperator? Find(PeerId peer) => _byPeer.GetValueOrDefault(peer);

    /// <summary>Replaces the contents with <paramref name="providers"/> (registered providers as read from the registry).</summary>
    public void Load(IEnumerable<ProviderDetails> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        lock (_gate)
        {
            _byProvider = _byProvider.Clear();
            _byPeer = _byPeer.Clear();
            foreach (var details in providers.Where(details => details.PeerId is not null))
            {
                Put(new RegisteredOperator(Lower(details.Owner), Lower(details.Operator), details.PeerId!, details.Jailed, details.MetadataCid));
            }

            IsLoaded = true;
        }
    }

    /// <summary>Applies a registry event; other events are ignored. Returns true when it changed something.</summary>
    public bool Apply(ChainEvent chainEvent)
    {
        ArgumentNullException.ThrowIfNull(chainEvent);
        lock (_gate)
        {
            var before = _byProvider;
            switch (chainEvent)
            {
                case ProviderRegistered registered:
                    Put(new RegisteredOperator(Lower(registered.Provider), Lower(registered.Operator), registered.PeerId, false, registered.MetadataCid));
                    break;
                case OperatorChanged changed when Get(changed.Provider) is { } current:
                    Put(current with { Operator = Lower(changed.NewOperator), PeerId = changed.PeerId });
                    break;
                case ProviderJailed jailed when Get(jailed.Provider) is { } current:
                    Put(current with { Jailed = true });
                    break;
                case ProviderUnjailed unjailed when Get(unjailed.Provider) is { } current:
                    Put(current with { Jailed = false });
                    break;
                case MetadataUpdated updated when Get(updated.Provider) is { } current:
                    Put(current with { MetadataCid = updated.MetadataCid });
                    break;
                default:
                    break;
            }

            // SetItem returns the same dictionary when the entry is unchanged, so a repeated event changes nothing.
            return !ReferenceEquals(before, _byProvider);
        }
    }

    private RegisteredOperator? Get(string provider) => _byProvider.GetValueOrDefault(Lower(provider));

    private void Put(RegisteredOperator entry)
    {
        if (_byProvider.TryGetValue(entry.Provider, out var previous))
        {
            _byPeer = _byPeer.Remove(previous.PeerId);
        }

        _byProvider = _byProvider.SetItem(entry.Provider, entry);
        _byPeer = _byPeer.SetItem(entry.PeerId, entry);
    }

    private static string Lower(string address) => address.ToLowerInvariant();
}
