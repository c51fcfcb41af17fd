using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.ProviderNode.Gossip;
using DePinGpu.Protocol.Events.Registry;

namespace DePinGpu.ProviderNode.Tests.Gossip;

public sealed class GossipValidatorTests
{
    private static readonly Cid StepCid = Cid.ForBlock(MulticodecCode.DagPb, "step"u8);
    private readonly GossipWorld _world = new();

    [Fact]
    public async Task Heartbeat_OfARegisteredOperatorNamingItsOwnLease_IsAccepted()
    {
        var sender = _world.Register();
        _world.Lease(7, sender, 2);

        var verdict = await ValidateHeartbeatAsync(sender, 10, [new LeaseEpoch(7, 2)]);

        Assert.Equal(GossipVerdict.Accept, verdict);
    }

    [Fact]
    public async Task Message_SignedByAnotherOperatorsKey_IsRejected()
    {
        var victim = _world.Register();
        var forger = _world.Register();
        var bytes = GossipEncoder.Encode(new HeartbeatMessage(GossipWorld.Header(victim, 10), []));

        var verdict = await _world.Validator.ValidateAsync(GossipTopicKind.Heartbeats, GossipWorld.Signed(bytes, forger.PeerId), CancellationToken.None);

        Assert.Equal(ValidationResult.Reject, verdict.Result);
        Assert.Contains($"not {victim.Provider}", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_OfAnUnregisteredSigner_IsRejected()
    {
        var stranger = GossipWorld.Unregistered();

        var verdict = await ValidateHeartbeatAsync(stranger, 10, []);

        Assert.Equal(ValidationResult.Reject, verdict.Result);
        Assert.Contains("not a registered operator", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_BeforeTheRegistryWasRead_IsIgnoredNotRejected()
    {
        var directory = new OperatorDirectory();
        var validator = new GossipValidator(directory, _world.Cache, new SequenceTracker(), TimeProvider.System, TimeSpan.FromSeconds(30));
        var sender = GossipWorld.Unregistered();
        var bytes = GossipEncoder.Encode(new HeartbeatMessage(GossipWorld.Header(sender, 1), []));

        var verdict = await validator.ValidateAsync(GossipTopicKind.Heartbeats, GossipWorld.Signed(bytes, sender.PeerId), CancellationToken.None);

        Assert.Equal(ValidationResult.Ignore, verdict.Result);
    }

    [Fact]
    public async Task Message_OfAJailedOperator_IsRejected_AndAcceptedAgainOnceUnjailed()
    {
        var sender = _world.Register(jailed: true);

        var jailed = await ValidateHeartbeatAsync(sender, 10, []);
        _world.Directory.Apply(new ProviderUnjailed(sender.Provider) { Contract = GossipWorld.Registry, BlockNumber = 3, BlockHash = GossipWorld.BlockHash, TransactionHash = GossipWorld.BlockHash, LogIndex = 0 });
        var unjailed = await ValidateHeartbeatAsync(sender, 11, []);

        Assert.Equal(ValidationResult.Reject, jailed.Result);
        Assert.Contains("jailed", jailed.Reason, StringComparison.Ordinal);
        Assert.Equal(GossipVerdict.Accept, unjailed);
    }

    [Fact]
    public async Task Message_WithASequenceNotAboveTheLastAccepted_IsRejectedAsAReplay()
    {
        var sender = _world.Register();
        Assert.Equal(GossipVerdict.Accept, await ValidateHeartbeatAsync(sender, 10, []));

        var replayed = await ValidateHeartbeatAsync(sender, 10, []);
        var older = await ValidateHeartbeatAsync(sender, 9, []);
        var newer = await ValidateHeartbeatAsync(sender, 11, []);

        Assert.Equal(ValidationResult.Reject, replayed.Result);
        Assert.Contains("replay", replayed.Reason, StringComparison.Ordinal);
        Assert.Equal(ValidationResult.Reject, older.Result);
        Assert.Equal(GossipVerdict.Accept, newer);
    }

    [Fact]
    public async Task Sequences_AreCountedPerTopic()
    {
        var sender = _world.Register();
        _world.Lease(7, sender, 0);
        Assert.Equal(GossipVerdict.Accept, await ValidateHeartbeatAsync(sender, 10, []));

        var checkpoint = await ValidateCheckpointAsync(sender, 5, 7, 0, held: false);

        Assert.Equal(GossipVerdict.Accept, checkpoint);
    }

    [Theory]
    [InlineData(-120)]
    [InlineData(120)]
    public async Task Message_WithATimeOutsideTheSkew_IsRejected(int offsetSeconds)
    {
        var sender = _world.Register();
        var bytes = GossipEncoder.Encode(new HeartbeatMessage(GossipWorld.Header(sender, 10, DateTimeOffset.UtcNow.AddSeconds(offsetSeconds)), []));

        var verdict = await _world.Validator.ValidateAsync(GossipTopicKind.Heartbeats, GossipWorld.Signed(bytes, sender.PeerId), CancellationToken.None);

        Assert.Equal(ValidationResult.Reject, verdict.Result);
        Assert.Contains("from ours", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_OverItsSizeLimit_IsRejected()
    {
        var sender = _world.Register();
        var bytes = new byte[GossipLimits.MaxCheckpointBytes + 1];

        var verdict = await _world.Validator.ValidateAsync(GossipTopicKind.Checkpoints, GossipWorld.Signed(bytes, sender.PeerId), CancellationToken.None);

        Assert.Equal(ValidationResult.Reject, verdict.Result);
        Assert.Contains("limit", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeat_NamingAnotherProvidersLease_IsRejected()
    {
        var sender = _world.Register();
        var holder = _world.Register();
        _world.Lease(7, holder, 1);

        var verdict = await ValidateHeartbeatAsync(sender, 10, [new LeaseEpoch(7, 1)]);

        Assert.Equal(ValidationResult.Reject, verdict.Result);
        Assert.Contains("is not", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeat_NamingALeaseThatDoesNotExist_IsRejected()
    {
        var sender = _world.Register();

        var verdict = await ValidateHeartbeatAsync(sender, 10, [new LeaseEpoch(99, 0)]);

        Assert.Equal(ValidationResult.Reject, verdict.Result);
    }

    [Fact]
    public async Task Heartbeat_NamingALeaseThatMovedOnSince_IsIgnored()
    {
        var sender = _world.Register();
        var standby = _world.Register();
        _world.Lease(7, standby, 1);

        var verdict = await ValidateHeartbeatAsync(sender, 10, [new LeaseEpoch(7, 0)]);

        Assert.Equal(ValidationResult.Ignore, verdict.Result);
        Assert.True(_world.Sequences.IsFresh(sender.PeerId, GossipTopicKind.Heartbeats, 10));
    }

    [Fact]
    public async Task Heartbeat_OfTheHolderAtAnEpochAReorgRestored_IsAcceptedOnceTheCacheIsRefreshed()
    {
        // The cache saw epoch 1 (a report reassigned the lease to the standby); a reorg removed the report, so the chain
        // is back at epoch 0 on the first holder. A cache that only moved forward ignored that holder for good.
        var world = new GossipWorld(refreshInterval: TimeSpan.Zero);
        var holder = world.Register();
        var standby = world.Register();
        world.Lease(7, standby, 1);
        Assert.Equal(GossipVerdict.Accept, await Heartbeat(world, standby, 1, [new LeaseEpoch(7, 1)]));

        world.Lease(7, holder, 0, standby);

        Assert.Equal(GossipVerdict.Accept, await Heartbeat(world, holder, 1, [new LeaseEpoch(7, 0)]));
    }

    [Fact]
    public async Task LeaseCache_Cleared_ReadsEveryLeaseAgain()
    {
        var holder = _world.Register();
        _world.Lease(7, holder, 0);
        Assert.Equal(GossipVerdict.Accept, await ValidateHeartbeatAsync(holder, 1, [new LeaseEpoch(7, 0)]));
        var reads = _world.LeaseReads;

        _world.Cache.Clear();
        Assert.Equal(GossipVerdict.Accept, await ValidateHeartbeatAsync(holder, 2, [new LeaseEpoch(7, 0)]));

        Assert.Equal(reads + 1, _world.LeaseReads);
    }

    [Fact]
    public async Task Checkpoint_ImportedByTheLeasesHolder_IsAccepted_AndByAStandby_IsRejected()
    {
        var holder = _world.Register();
        var standby = _world.Register();
        _world.Lease(7, holder, 0, standby);

        Assert.Equal(GossipVerdict.Accept, await ValidateCheckpointAsync(holder, 1, 7, 0, held: false));
        Assert.Equal(ValidationResult.Reject, (await ValidateCheckpointAsync(standby, 1, 7, 0, held: false)).Result);
    }

    [Fact]
    public async Task Checkpoint_HeldByAStandby_IsAccepted_AndByAnOutsider_IsRejected()
    {
        var holder = _world.Register();
        var standby = _world.Register();
        var outsider = _world.Register();
        _world.Lease(7, holder, 0, standby);

        Assert.Equal(GossipVerdict.Accept, await ValidateCheckpointAsync(standby, 1, 7, 0, held: true));
        var refused = await ValidateCheckpointAsync(outsider, 1, 7, 0, held: true);
        Assert.Equal(ValidationResult.Reject, refused.Result);
        Assert.Contains("neither a standby nor the holder", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeaseCache_ReadsTheChainOnceForRepeatedHeartbeats()
    {
        var sender = _world.Register();
        _world.Lease(7, sender, 0);

        for (ulong sequence = 1; sequence <= 5; sequence++)
        {
            Assert.Equal(GossipVerdict.Accept, await ValidateHeartbeatAsync(sender, sequence, [new LeaseEpoch(7, 0)]));
        }

        Assert.Equal(1, _world.LeaseReads);
    }

    [Fact]
    public async Task LeaseCache_ReadsAgainWhenAMessageDisagrees_ButNotMoreOftenThanItsInterval()
    {
        var world = new GossipWorld(refreshInterval: TimeSpan.FromMinutes(10));
        var sender = world.Register();
        var other = world.Register();
        world.Lease(7, other, 0);
        Assert.Equal(ValidationResult.Reject, (await Heartbeat(world, sender, 1, [new LeaseEpoch(7, 0)])).Result);

        world.Lease(7, sender, 0);
        var beforeInterval = await Heartbeat(world, sender, 2, [new LeaseEpoch(7, 0)]);
        world.Cache.Forget(7);
        var afterForget = await Heartbeat(world, sender, 3, [new LeaseEpoch(7, 0)]);

        Assert.Equal(ValidationResult.Reject, beforeInterval.Result);
        Assert.Equal(GossipVerdict.Accept, afterForget);
        Assert.Equal(2, world.LeaseReads);
    }

    private Task<GossipVerdict> ValidateHeartbeatAsync(TestOperator sender, ulong sequence, LeaseEpoch[] leases) =>
        Heartbeat(_world, sender, sequence, leases);

    private static Task<GossipVerdict> Heartbeat(GossipWorld world, TestOperator sender, ulong sequence, LeaseEpoch[] leases)
    {
        var bytes = GossipEncoder.Encode(new HeartbeatMessage(GossipWorld.Header(sender, sequence), leases));
        return world.Validator.ValidateAsync(GossipTopicKind.Heartbeats, GossipWorld.Signed(bytes, sender.PeerId), CancellationToken.None);
    }

    private Task<GossipVerdict> ValidateCheckpointAsync(TestOperator sender, ulong sequence, int leaseId, uint epoch, bool held)
    {
        var bytes = GossipEncoder.Encode(new CheckpointAnnouncement(GossipWorld.Header(sender, sequence), leaseId, epoch, 3, StepCid, held));
        return _world.Validator.ValidateAsync(GossipTopicKind.Checkpoints, GossipWorld.Signed(bytes, sender.PeerId), CancellationToken.None);
    }
}
