using System.Globalization;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.ProviderNode.Replication;
using DePinGpu.ProviderNode.Standby;
using DePinGpu.ProviderNode.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Standby;

/// <summary>
/// A standby preparing a hand-over when the active provider goes quiet on gossip: the newest checkpoint it replicated
/// is exported ahead, and the hand-over takes that folder only if it is exactly the committed checkpoint.
/// </summary>
public sealed class StandbyPreparerTests : IDisposable
{
    private const string Active = "0x00000000000000000000000000000000000000a1";
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(3);
    private readonly TemporaryDirectory _directory = new();
    private readonly ManualTime _time = new();
    private readonly ContentStore _content;
    private readonly StandbyStore _standbys;
    private readonly ReplicaStore _replicas;
    private readonly PreparedResumes _prepared;
    private readonly StandbyPreparer _preparer;

    public StandbyPreparerTests()
    {
        _content = new ContentStore(new MemoryBlockStore(), new ContentStoreOptions { PinDatabasePath = _directory.Combine("pins.db") });
        _standbys = new StandbyStore(_directory.Combine("standbys.db"));
        _standbys.Save(new StandbyRecord { Id = "7", FirstLeaseId = "3", LeaseCount = 1, UpdatedAt = DateTime.UtcNow });
        _replicas = new ReplicaStore(_directory.Combine("replicas.db"));
        _prepared = new PreparedResumes(_content, _directory.Combine("workloads"));
        _preparer = new StandbyPreparer(new NodeEventBus(), _standbys, _replicas, _prepared, new SilenceWatch(), Silence, _time, NullLogger<StandbyPreparer>.Instance);
    }

    [Fact]
    public async Task ActiveProviderSilentPastTheThreshold_NewestReplicaIsExportedAhead_Once()
    {
        await ReplicateAsync(step: 3);
        var newest = await ReplicateAsync(step: 6);
        _preparer.Observe(Announced(newest, 6));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, await _preparer.PrepareSilentAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await _preparer.PrepareSilentAsync(CancellationToken.None));
        Assert.Equal(0, await _preparer.PrepareSilentAsync(CancellationToken.None));

        var prepared = _prepared.Find(3)!;
        Assert.Equal((newest, 6L), (prepared.Cid, prepared.Step));
        Assert.Equal("6", (await File.ReadAllTextAsync(Path.Combine(prepared.Directory, "state"))).Trim());
    }

    [Fact]
    public async Task ProviderDiedBetweenAReplicationAndItsCommit_TheCommittedReplicaIsPrepared_NotTheNewest()
    {
        var committed = await ReplicateAsync(step: 3);
        var newest = await ReplicateAsync(step: 6);
        _preparer.Observe(new CheckpointMined(3, 0, 3, committed));
        _preparer.Observe(Announced(newest, 6));

        _time.Advance(Silence * 2);
        Assert.Equal(1, await _preparer.PrepareSilentAsync(CancellationToken.None));

        Assert.Equal((committed, 3L), (_prepared.Find(3)!.Cid, _prepared.Find(3)!.Step));
        _preparer.Observe(new CheckpointMined(3, 0, 6, newest));
        Assert.Equal(1, await _preparer.PrepareSilentAsync(CancellationToken.None));
        Assert.Equal(newest, _prepared.Find(3)!.Cid);
    }

    [Fact]
    public async Task ActiveProviderStillHeartbeating_NothingIsPrepared()
    {
        var cid = await ReplicateAsync(step: 3);
        _preparer.Observe(Announced(cid, 3));
        for (var second = 0; second < 10; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            _preparer.Observe(new PeerHeartbeatSeen(Active, null!, _time.GetUtcNow()));
        }

        Assert.Equal(0, await _preparer.PrepareSilentAsync(CancellationToken.None));
        Assert.Null(_prepared.Find(3));
    }

    [Fact]
    public async Task PreparedCheckpoint_IsTakenAsTheResumeFolder_OnlyWhenItIsTheCommittedOne()
    {
        var cid = await ReplicateAsync(step: 3);
        _preparer.Observe(Announced(cid, 3));
        _time.Advance(Silence * 2);
        await _preparer.PrepareSilentAsync(CancellationToken.None);
        var destination = _directory.Combine("workloads", "3-1", "resume");

        Assert.Null(_prepared.Take(3, committed => false, destination));
        Assert.False(Directory.Exists(destination));
        var taken = _prepared.Take(3, committed => committed == cid, destination);

        Assert.Equal((cid, destination), (taken!.Cid, taken.Directory));
        Assert.Equal("3", (await File.ReadAllTextAsync(Path.Combine(destination, "state"))).Trim());
        Assert.Null(_prepared.Find(3));
    }

    [Fact]
    public async Task LeaseEnded_DiscardsThePreparedFolder_AndStopsWatching()
    {
        var cid = await ReplicateAsync(step: 3);
        _preparer.Observe(Announced(cid, 3));
        _time.Advance(Silence * 2);
        await _preparer.PrepareSilentAsync(CancellationToken.None);
        var folder = _prepared.Find(3)!.Directory;

        _preparer.Observe(new LeaseEnded(3));

        Assert.False(Directory.Exists(folder));
        _time.Advance(Silence * 2);
        Assert.Equal(0, await _preparer.PrepareSilentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnnouncementOfALeaseThisNodeIsNotStandbyOf_IsNotWatched()
    {
        var cid = await ReplicateAsync(step: 3);
        _preparer.Observe(new PeerCheckpointAnnounced(99, 0, 3, cid, Active, null!, Held: false));
        _time.Advance(Silence * 2);

        Assert.Equal(0, await _preparer.PrepareSilentAsync(CancellationToken.None));
    }

    public void Dispose()
    {
        _replicas.Dispose();
        _standbys.Dispose();
        _content.Dispose();
        _directory.Dispose();
    }

    private static PeerCheckpointAnnounced Announced(Cid cid, ulong step) => new(3, 0, step, cid, Active, null!, Held: false);

    /// <summary>A checkpoint as the shell loop writes it, pinned here and recorded as a replica of lease 3 (what <see cref="ReplicationService"/> leaves).</summary>
    private async Task<Cid> ReplicateAsync(int step)
    {
        var folder = _directory.Combine("source", "step-" + step);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "state"), step.ToString(CultureInfo.InvariantCulture) + "\n");
        var imported = await new UnixFsImporter().ImportAsync(folder, _content.Blocks);
        _replicas.Save(new ReplicaRecord { Id = imported.Cid.ToString(), LeaseId = "3", OrderId = "7", Epoch = 0, Step = step, BytesFetched = 10, PinnedAt = DateTime.UtcNow });
        return imported.Cid;
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
