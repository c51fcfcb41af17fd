using System.Numerics;
using System.Security.Cryptography;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.ProviderNode.Gossip;
using DePinGpu.Protocol.Events.Registry;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.ProviderNode.Tests.Gossip;

/// <summary>
/// What the gossip validators know of the chain, built the way the daemon builds it: the directory fed with real
/// registry events, and the lease participants the market would return (held in a table here instead of read from a
/// contract; the reads are counted).
/// </summary>
internal sealed class GossipWorld
{
    public const string Registry = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    public const string BlockHash = "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    public GossipWorld(TimeSpan? refreshInterval = null)
    {
        Cache = new LeaseParticipantsCache(ReadAsync, TimeProvider.System, refreshInterval ?? TimeSpan.FromMinutes(10));
        Validator = new GossipValidator(Directory, Cache, Sequences, TimeProvider.System, TimeSpan.FromSeconds(30));
        Directory.Load([]);
    }

    public OperatorDirectory Directory { get; } = new();

    public SequenceTracker Sequences { get; } = new();

    public LeaseParticipantsCache Cache { get; }

    public GossipValidator Validator { get; }

    public Dictionary<BigInteger, LeaseParticipants> Leases { get; } = [];

    public int LeaseReads { get; private set; }

    /// <summary>A new operator key and provider address, registered (and jailed when asked) through registry events.</summary>
    public TestOperator Register(bool jailed = false) => Register(Unregistered(), jailed);

    /// <summary>Registers <paramref name="candidate"/> through a registry event, with its metadata block when given.</summary>
    public TestOperator Register(TestOperator candidate, bool jailed = false, Cid? metadata = null)
    {
        Directory.Apply(new ProviderRegistered(candidate.Provider, candidate.Key.Address, candidate.Key.PeerId, "RTX4090", 1, 24, metadata, 1000)
        {
            Contract = Registry, BlockNumber = 1, BlockHash = BlockHash, TransactionHash = BlockHash, LogIndex = 0,
        });
        if (jailed)
        {
            Directory.Apply(new ProviderJailed(candidate.Provider, 0) { Contract = Registry, BlockNumber = 2, BlockHash = BlockHash, TransactionHash = BlockHash, LogIndex = 0 });
        }

        return candidate;
    }

    /// <summary>A key and provider address the registry does not know.</summary>
    public static TestOperator Unregistered() =>
        new(WalletKey.Generate(), "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)));

    /// <summary>The lease is <paramref name="holder"/>'s at <paramref name="epoch"/>, with <paramref name="standbys"/>.</summary>
    public void Lease(BigInteger leaseId, TestOperator holder, uint epoch, params TestOperator[] standbys) =>
        Leases[leaseId] = new LeaseParticipants(holder.Provider, epoch, standbys.Select(standby => standby.Provider).ToHashSet(StringComparer.Ordinal));

    public static GossipHeader Header(TestOperator sender, ulong sequence, DateTimeOffset? sentAt = null) =>
        new(sender.Provider, sequence, sentAt ?? DateTimeOffset.UtcNow);

    /// <summary>The message as a validator sees it after GossipSub checked that <paramref name="signer"/> signed it.</summary>
    public static PubSubMessage Signed(byte[] data, PeerId signer, string topic = "t") =>
        new(topic, data, signer, 1, new MessageId(RandomNumberGenerator.GetBytes(16)), signer);

    private Task<LeaseParticipants?> ReadAsync(BigInteger leaseId, CancellationToken cancellationToken)
    {
        LeaseReads++;
        return Task.FromResult(Leases.GetValueOrDefault(leaseId));
    }
}
