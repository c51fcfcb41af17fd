using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DePinGpu.Chaos.Tests.Cluster;
using DePinGpu.Chaos.Tests.Faults;
using Xunit.Abstractions;

namespace DePinGpu.Chaos.Tests.Scenarios;

/// <summary>Scenario 10: a holder serves corrupt checkpoint blocks (issue 18; issue 14 §5).</summary>
[Collection(ChaosCollection.Name)]
public sealed class CorruptionTests
{
    private const string Bans = "bitswap_peers_banned";
    private const string Replicated = "depin_replication_replicated";
    private const string GivenUp = "depin_replication_failed";
    private readonly ChainFixture _fixture;
    private readonly ITestOutputHelper _output;

    public CorruptionTests(ChainFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    // The active provider's disk rots every block it stores from some moment on (a real byte flipped in each new block
    // file once the node pinned it, so it believes its copy good), and its Bitswap server sends blocks that do not hash
    // to their CIDs. Both standbys must reject them and
    // ban it, and no checkpoint imported meanwhile may be committed (no standby holds one). Once the disk is healed,
    // standby 1 (configured to forgive a bad peer after 30 s) fetches from the provider again and the lease commits;
    // standby 2 (the default ban, 10 min) may not ask the provider, so it must fetch from standby 1.
    [Fact]
    public async Task Scenario10_AHolderServesCorruptCheckpointBlocks_StandbysRejectAndBanIt_NothingIsCommitted_ThenTheyFetchFromAnother()
    {
        await using var cluster = await ChaosCluster.StartAsync(_fixture.Chain, _output, prepare: node => node.Name == "node-1"
            ? node.EditConfigAsync(config => config["Bitswap"] = new JsonObject { ["Client"] = new JsonObject { ["MisbehavingPeerBan"] = "00:00:30" } })
            : Task.CompletedTask);
        var lease = await cluster.RunLeaseAsync(standbys: 2);
        var (active, forgiving, strict) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        Assert.Equal([active, forgiving, strict], lease.Holders.OrderBy(holder => holder.Name, StringComparer.Ordinal));
        Assert.Same(active, lease.Active);
        var bansBefore = (await MetricAsync(forgiving, Bans), await MetricAsync(strict, Bans));

        var injectedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var disk = CorruptingDisk.Start(Path.Combine(active.Devnet.Directory, "data", "blocks"), active.Address, cluster.Faults);
        TimeSpan banned;
        ulong committedWhileCorrupt;
        ulong stepAtBans;
        try
        {
            await ChaosCluster.UntilAsync(async () => await MetricAsync(forgiving, Bans) > bansBefore.Item1 && await MetricAsync(strict, Bans) > bansBefore.Item2,
                "both standbys ban the provider for its corrupt blocks");
            banned = clock.Elapsed;

            // From here no standby can fetch from the provider, so no checkpoint it imports from now on may be committed
            // (one fetched just before a ban may still be: its commit can be mined a little later).
            stepAtBans = cluster.Steps.LastStep(lease.LeaseId);
            var rottedAtBans = disk.Corrupted;
            await ChaosCluster.UntilAsync(() => Task.FromResult(disk.Corrupted >= rottedAtBans + 8), "the provider imports four more checkpoints that rot");
            committedWhileCorrupt = (await cluster.LeaseAsync(lease)).CheckpointStep;
            Assert.True(committedWhileCorrupt <= stepAtBans, $"step {committedWhileCorrupt} was committed although both standbys had banned the only holder at step {stepAtBans}");
            _output.WriteLine($"rotted {disk.Corrupted} block files on {active.Name} ({disk.Failures.Count} gone before they could be); both standbys banned it after {banned.TotalSeconds:F1} s "
                + $"at step {stepAtBans}; the workload reached step {cluster.Steps.LastStep(lease.LeaseId)} and the committed step stayed at {committedWhileCorrupt}");
        }
        finally
        {
            disk.Dispose();
            cluster.Faults.Add(active.Address, FaultKind.DiskHealed);
        }

        var healedAt = clock.Elapsed;
        var strictBefore = (await MetricAsync(strict, Replicated), await MetricAsync(strict, Bans));
        await ChaosCluster.UntilAsync(async () => (await cluster.LeaseAsync(lease)).CheckpointStep > stepAtBans, "a checkpoint imported after the disk healed is committed");
        var committedAgain = clock.Elapsed;
        await ChaosCluster.UntilAsync(async () => await MetricAsync(strict, Replicated) > strictBefore.Item1, "standby 2 replicates a checkpoint without asking the provider it banned");
        var fetchedElsewhere = clock.Elapsed;
        _output.WriteLine($"healed at {healedAt.TotalSeconds:F1} s; committed again after {(committedAgain - healedAt).TotalSeconds:F1} s; "
            + $"standby 2 replicated from standby 1 after {(fetchedElsewhere - healedAt).TotalSeconds:F1} s");

        // Standby 2's ban (10 min) outlasts the scenario: it asked no one but standby 1, and never banned it.
        Assert.Equal(strictBefore.Item2, await MetricAsync(strict, Bans));
        Assert.True(await MetricAsync(strict, GivenUp) >= 1, "standby 2 gave up at least one corrupt checkpoint");
        await ScenarioSteps.KeepsProgressingAsync(cluster, lease);
        await cluster.CheckAsync("10 corrupt checkpoint blocks", "every block file the active node stored from then on had a byte flipped on disk; healed after both standbys banned it",
            injectedAt, expectedReassignments: 0);
    }

    /// <summary>The sum of a counter's samples in the node's <c>/metrics</c> (0 before its first increment).</summary>
    private static async Task<double> MetricAsync(ChaosNode node, string name)
    {
        using var http = new HttpClient { BaseAddress = node.Devnet.Api, Timeout = TimeSpan.FromSeconds(15) };
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return text.Split('\n')
            .Where(line => line.StartsWith(name + " ", StringComparison.Ordinal) || line.StartsWith(name + "{", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
