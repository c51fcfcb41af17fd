using System.Globalization;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Model;
using DePinGpu.Libp2p.Multiformats;
using Xunit.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Failover;

/// <summary>
/// Automatic failover end to end (issue 14 §5), each test one full run of <see cref="FailoverScenario"/>: three peered
/// daemons (verifiers too), a Stateful lease with two standbys replicating its checkpoints, and SIGKILLs. The two tests
/// share this class (its partial files too) so they run one after the other (each run is CPU-heavy), and the Docker
/// collection, so they never run beside the Docker failover test (two sets of three daemons starve a small machine).
/// </summary>
[Collection(DockerCollection.Name)]
public sealed partial class FailoverEndToEndTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public FailoverEndToEndTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// Kill -9 the active node: a verifier reports it, the lease moves to standby 1 at epoch 1, which resumes from the last
    /// committed step and completes; the money is exact to the wei; the dead node, restarted, does not run the workload
    /// again and its epoch-0 calls are rejected without effect.
    /// </summary>
    [Fact]
    public async Task ActiveNodeKilled_StandbyOneResumesFromTheLastCommittedStep_Completes_AndSettlementIsExact()
    {
        await using var scenario = await FailoverScenario.StartAsync(_directory, _output);
        await scenario.OrderAsync();
        var (active, standby) = (scenario.Nodes[0], scenario.NodeOf(scenario.Standbys[0]));
        await scenario.CommitsAtEpochAsync(0, 2);

        var killed = await scenario.KillAsync(0);
        var timeline = await RecoveryTimeline.RecordAsync(scenario, killed, active, standby);
        _output.WriteLine("Recovery timeline (kill -9 of the active provider, resumed on standby 1):\n" + timeline.ToTable());
        Assert.Equal(1u, timeline.Epoch);
        var resumedStep = (await scenario.CommitsAsync(0))[^1].Step;
        Assert.Equal(resumedStep, timeline.ResumedStep);
        scenario.AssertPreparedAheadAndTaken(standby);

        await scenario.RunAsync(0);
        await DeadNodeAfterItsRestartLeavesTheLeaseAloneAsync(scenario);

        await scenario.CompletedAtAsync(1);
        scenario.AssertResumedFrom(standby, 1, resumedStep);
        Assert.All(await scenario.CommitsAsync(1), commit => Assert.True(commit.Step > resumedStep));
        await FailoverSettlement.AssertExactAsync(scenario);
    }

    /// <summary>Kill -9 the active node and standby 1 together: standby 2 takes the lease over, resumes from the last committed step and completes.</summary>
    [Fact]
    public async Task ActiveAndStandbyOneKilledTogether_StandbyTwoResumesFromTheLastCommittedStep_AndCompletes()
    {
        await using var scenario = await FailoverScenario.StartAsync(_directory, _output);
        await scenario.OrderAsync();
        var (active, second) = (scenario.Nodes[0], scenario.NodeOf(scenario.Standbys[1]));
        await scenario.CommitsAtEpochAsync(0, 2);

        var killed = await scenario.KillAsync(0, scenario.Nodes.ToList().IndexOf(scenario.NodeOf(scenario.Standbys[0])));
        var timeline = await RecoveryTimeline.RecordAsync(scenario, killed, active, second);
        _output.WriteLine($"Recovery timeline (kill -9 of the active provider and standby 1, resumed on standby 2 at epoch {timeline.Epoch}):\n" + timeline.ToTable());
        var resumedStep = (await scenario.CommitsAsync(0))[^1].Step;
        Assert.Equal(resumedStep, timeline.ResumedStep);

        await scenario.CompletedAtAsync(timeline.Epoch);
        scenario.AssertResumedFrom(second, timeline.Epoch, resumedStep);
        await FailoverSettlement.AssertExactAsync(scenario);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>
    /// The restarted dead node reads the chain first: it ends its record of the lease it lost without starting the
    /// workload, and a call it (or anything with its key) makes at epoch 0 is refused by the market, which stays as it was.
    /// </summary>
    private static async Task DeadNodeAfterItsRestartLeavesTheLeaseAloneAsync(FailoverScenario scenario)
    {
        var dead = scenario.Nodes[0];
        var id = scenario.LeaseId.ToString(CultureInfo.InvariantCulture);
        await DevnetTenant.Until(async () => (await dead.LeasesAsync()).EnumerateArray()
            .Any(lease => lease.GetProperty("leaseId").GetString() == id && lease.GetProperty("status").GetString() == "HandedOver"), "the restarted node ends the lease it lost");
        Assert.DoesNotContain("Started process workload", scenario.Process(0)!.ErrorTail, StringComparison.Ordinal);

        var before = await scenario.Market.GetLeaseAsync(scenario.LeaseId, CancellationToken.None);
        var epochZeroCommits = (await scenario.CommitsAsync(0)).Count;
        var market = scenario.Chain.Market(dead.Operator);
        var stale = Cid.ForBlock(MulticodecCode.Raw, [1, 2, 3]);
        await Assert.ThrowsAsync<StaleEpochException>(() => market.CommitCheckpointAsync(scenario.LeaseId, 0, stale, 1_000, 3, CancellationToken.None));
        await Assert.ThrowsAsync<StaleEpochException>(() => market.CompleteLeaseAsync(scenario.LeaseId, 0, stale, CancellationToken.None));
        var after = await scenario.Market.GetLeaseAsync(scenario.LeaseId, CancellationToken.None);
        Assert.Equal((before!.Epoch, before.Provider, epochZeroCommits), (after!.Epoch, after.Provider, (await scenario.CommitsAsync(0)).Count));
    }
}
