using System.Numerics;
using DePinGpu.ProviderNode.Verifier;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Tests.Verifier;

public sealed class LivenessBookTests
{
    private const string Alice = "0x00000000000000000000000000000000000000a1";
    private const string Bob = "0x00000000000000000000000000000000000000b2";
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(6);

    [Fact]
    public void RunningLease_WithUnknownHeartbeat_AsksForTheOnChainHeartbeatAndReportsNothing()
    {
        var book = NewBook();
        book.Track(Running(1, Alice));

        var plan = book.Plan(T0 + TimeSpan.FromHours(1));

        Assert.Equal([Alice], plan.HeartbeatReads);
        Assert.Empty(plan.Reports);
    }

    [Fact]
    public void OnChainHeartbeatWithinTimeout_IsNotReportable_AndTheRoundIsDueOneSecondAfterTheDeadline()
    {
        var book = NewBook();
        book.Track(Running(1, Alice));
        book.RecordHeartbeat(Alice, T0 + TimeSpan.FromSeconds(10));

        var atDeadline = book.Plan(T0 + TimeSpan.FromSeconds(16));

        Assert.Empty(atDeadline.Reports);
        Assert.Equal(T0 + TimeSpan.FromSeconds(17), atDeadline.NextRoundAt);
        Assert.Equal([new BigInteger(1)], book.Plan(T0 + TimeSpan.FromSeconds(17)).Reports.Single().LeaseIds);
    }

    [Fact]
    public void LeaseStartedAfterTheLastHeartbeat_CountsFromItsStart()
    {
        var book = NewBook();
        book.Track(Running(1, Alice, startedAt: T0 + TimeSpan.FromSeconds(100)));
        book.RecordHeartbeat(Alice, T0);

        Assert.Empty(book.Plan(T0 + TimeSpan.FromSeconds(106)).Reports);
        Assert.Single(book.Plan(T0 + TimeSpan.FromSeconds(107)).Reports);
    }

    [Fact]
    public void GossipSilence_OnlyAsksForAChainRead_NeverReportsAProviderLiveOnChain()
    {
        var book = NewBook();
        book.Track(Running(1, Alice));
        book.RecordHeartbeat(Alice, T0 + TimeSpan.FromSeconds(20));
        book.RecordGossip(Alice, T0);

        var silent = book.Plan(T0 + TimeSpan.FromSeconds(21));

        Assert.Equal([Alice], silent.HeartbeatReads);
        Assert.Empty(silent.Reports);
        book.RecordHeartbeat(Alice, T0 + TimeSpan.FromSeconds(20));
        Assert.Empty(book.Plan(T0 + TimeSpan.FromSeconds(22)).HeartbeatReads);
    }

    [Fact]
    public void FreshGossip_DoesNotStopAReportOnceTheOnChainHeartbeatTimedOut()
    {
        var book = NewBook();
        book.Track(Running(1, Alice));
        book.RecordHeartbeat(Alice, T0);
        book.RecordGossip(Alice, T0 + TimeSpan.FromSeconds(30));

        Assert.Single(book.Plan(T0 + TimeSpan.FromSeconds(30)).Reports);
    }

    [Fact]
    public void GossipOfAProviderWithoutWatchedLeases_IsIgnored()
    {
        var book = NewBook();
        book.RecordGossip(Bob, T0);

        var plan = book.Plan(T0 + TimeSpan.FromHours(1));

        Assert.Empty(plan.HeartbeatReads);
        Assert.Null(plan.NextRoundAt);
    }

    [Fact]
    public void ReportableLeases_AreBatchedPerProvider_InChunksOfMaxBatch()
    {
        var book = new LivenessBook(TimeSpan.FromSeconds(5), maxBatch: 2);
        foreach (var id in new[] { 3, 1, 2 })
        {
            book.Track(Running(id, Alice));
        }

        book.Track(Running(7, Bob));
        book.RecordHeartbeat(Alice, T0);
        book.RecordHeartbeat(Bob, T0);

        var reports = book.Plan(T0 + TimeSpan.FromMinutes(1)).Reports;

        Assert.Equal(3, reports.Count);
        Assert.Equal([new BigInteger(1), 2], reports[0].LeaseIds);
        Assert.Equal([new BigInteger(3)], reports[1].LeaseIds);
        Assert.Equal(Bob, reports[2].Provider);
    }

    [Fact]
    public void SilenceThatBeganAfterTheLeaseEnded_IsNeverReportable()
    {
        var book = NewBook();
        book.Track(Running(1, Alice, endsAt: T0 + TimeSpan.FromSeconds(5)));
        book.RecordHeartbeat(Alice, T0);

        var plan = book.Plan(T0 + TimeSpan.FromHours(1));

        Assert.Empty(plan.Reports);
        Assert.Null(plan.NextRoundAt);
    }

    [Fact]
    public void SettledLease_IsNotPlannedAgainAtTheSameEpoch_ButIsAtTheNext()
    {
        var book = NewBook();
        book.Track(Running(1, Alice));
        book.RecordHeartbeat(Alice, T0);
        book.Settled(1);

        Assert.Empty(book.Plan(T0 + TimeSpan.FromMinutes(1)).Reports);
        book.Track(Running(1, Alice) with { Epoch = 1 });
        Assert.Single(book.Plan(T0 + TimeSpan.FromMinutes(1)).Reports);
    }

    [Fact]
    public void DeferredProvider_IsRetriedOnlyAfterTheDeferral()
    {
        var book = NewBook();
        book.Track(Running(1, Alice));
        book.RecordHeartbeat(Alice, T0);
        book.DeferProvider(Alice, T0 + TimeSpan.FromSeconds(30));

        var early = book.Plan(T0 + TimeSpan.FromSeconds(10));

        Assert.Empty(early.Reports);
        Assert.Equal(T0 + TimeSpan.FromSeconds(30), early.NextRoundAt);
        Assert.Single(book.Plan(T0 + TimeSpan.FromSeconds(30)).Reports);
    }

    [Fact]
    public void ReopenedLease_IsClosedOnlyAfterItsOfferDeadline()
    {
        var book = NewBook();
        book.Track(Reopened(4, deadline: T0 + TimeSpan.FromSeconds(5)));

        var before = book.Plan(T0 + TimeSpan.FromSeconds(5));

        Assert.Empty(before.Closes);
        Assert.Equal(T0 + TimeSpan.FromSeconds(6), before.NextRoundAt);
        Assert.Equal([new BigInteger(4)], book.Plan(T0 + TimeSpan.FromSeconds(6)).Closes);
    }

    [Fact]
    public void ClosedLease_IsForgotten()
    {
        var book = NewBook();
        book.Track(Running(1, Alice));
        book.Track(Running(1, Alice) with { State = LeaseState.Closed, Provider = null });

        Assert.Equal(0, book.LeaseCount);
        Assert.False(book.Watches(Alice));
    }

    [Fact]
    public void AssignedLease_IsWatchedButNeverReported()
    {
        var book = NewBook();
        book.Track(Running(1, Alice) with { State = LeaseState.Assigned });
        book.RecordHeartbeat(Alice, T0);

        Assert.True(book.Watches(Alice));
        Assert.Empty(book.Plan(T0 + TimeSpan.FromHours(1)).Reports);
    }

    [Fact]
    public void AssignedLeaseNotAcknowledged_IsReportedForAStartTimeout_OnlyAfterItsAckDeadline()
    {
        var book = NewBook();
        book.Track(Running(1, Alice) with { State = LeaseState.Assigned, AckDeadline = T0 + TimeSpan.FromSeconds(30) });

        var before = book.Plan(T0 + TimeSpan.FromSeconds(30));

        Assert.Empty(before.StartTimeouts!);
        Assert.Equal(T0 + TimeSpan.FromSeconds(31), before.NextRoundAt);
        var due = book.Plan(T0 + TimeSpan.FromSeconds(31));
        Assert.Equal([new BigInteger(1)], due.StartTimeouts!);
        Assert.Empty(due.Reports);
    }

    [Fact]
    public void OwnProvider_IsNeverReported_EvenWhenItsHeartbeatTimedOut_WhileOtherProvidersStillAre()
    {
        var book = NewBook();
        book.Track(Running(1, Alice));
        book.Track(Running(2, Bob));
        book.RecordHeartbeat(Alice, T0);
        book.RecordHeartbeat(Bob, T0);

        book.ExcludeOwnProvider(Alice.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal));
        book.Track(Running(3, Alice));
        book.RecordGossip(Alice, T0);

        var plan = book.Plan(T0 + TimeSpan.FromHours(1));
        Assert.Equal([Bob], plan.Reports.Select(report => report.Provider));
        Assert.Equal([new BigInteger(2)], plan.Reports.Single().LeaseIds);
        Assert.DoesNotContain(Alice, plan.HeartbeatReads, StringComparer.OrdinalIgnoreCase);
        Assert.False(book.Watches(Alice));
        Assert.Equal([new BigInteger(2)], book.LeaseIds);
    }

    [Fact]
    public void LeaseOfOwnProvider_MovedToAnotherProvider_IsWatchedAgain()
    {
        var book = NewBook();
        book.ExcludeOwnProvider(Alice);
        book.Track(Running(1, Alice));
        book.Track(Running(1, Bob) with { Epoch = 1 });
        book.RecordHeartbeat(Bob, T0);

        Assert.Equal([new BigInteger(1)], book.Plan(T0 + TimeSpan.FromHours(1)).Reports.Single().LeaseIds);
    }

    private static LivenessBook NewBook() => new(TimeSpan.FromSeconds(5), VerifierOptions.ContractMaxBatch);

    private static WatchedLease Running(int leaseId, string provider, DateTimeOffset? startedAt = null, DateTimeOffset? endsAt = null) =>
        new(leaseId, 0, LeaseState.Running, provider, startedAt ?? T0, endsAt ?? T0 + TimeSpan.FromDays(1), null, Timeout);

    private static WatchedLease Reopened(int leaseId, DateTimeOffset deadline) =>
        new(leaseId, 1, LeaseState.Reassigning, null, default, T0 + TimeSpan.FromDays(1), deadline, Timeout);
}
