using System.Numerics;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.ProviderNode.Verifier;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Tests.Support;
using Xunit.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Verifier;

/// <summary>
/// <c>depin-node verify</c> processes against anvil with the contracts (devnet terms: heartbeat timeout 6 s); the
/// providers are driven by the test through the src/Protocol clients, so each one heart-beats exactly when the test says.
/// </summary>
public sealed class VerifierEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan BidWindow = TimeSpan.FromSeconds(4);
    private readonly TemporaryDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public VerifierEndToEndTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task SilentProvider_IsReportedOnceWithTheFinderFee_ItsReopenedLeaseIsClosed_AndAHeartBeatingProviderNeverIs()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var scenario = await LeaseScenario.CreateAsync(chain);
        var silent = await chain.RegisterProviderAsync();
        var beating = await chain.RegisterProviderAsync();
        await using var verifier = await VerifierProcess.StartAsync(chain, _directory.Combine("verifier"), Patience);
        using var stopBeating = new CancellationTokenSource();
        var beats = BeatAsync(beating, stopBeating.Token);
        try
        {
            var liveLease = await scenario.RunningLeaseAsync(beating, BidWindow);
            var deadLease = await scenario.RunningLeaseAsync(silent, BidWindow);

            await LeaseScenario.Until(async () => (await scenario.FaultsAsync()).Any(fault => fault.LeaseId == deadLease), "the silent provider is reported", Patience);
            var report = Assert.Single(await scenario.FaultsAsync());
            var orderId = (await scenario.Tenant.GetLeaseAsync(deadLease, CancellationToken.None))!.OrderId;
            var fee = await scenario.ExpectedFinderFeeAsync(orderId);
            Assert.True(fee > 0);
            Assert.Equal(verifier.Key.Address, report.Reporter, StringComparer.OrdinalIgnoreCase);
            Assert.Equal(fee, report.FinderFee);
            Assert.Equal(fee, await scenario.Tenant.WithdrawableAsync(verifier.Key.Address, CancellationToken.None));

            // A verifier that comes second learns it from the dry run: a Lost verdict, and nothing is sent.
            var late = await chain.FundedKeyAsync(tokens: 0);
            var second = await new MissedHeartbeatReporter(chain.Market(late)).ReportAsync([deadLease], CancellationToken.None);
            Assert.Equal([deadLease], second.With(LeaseVerdict.Lost));
            Assert.Null(second.TransactionHash);
            Assert.Equal(0UL, await chain.Anvil.Rpc.GetTransactionCountAsync(late.Address, "latest", CancellationToken.None));

            // No standby: the lease reopened for one bid window; nobody offers, so the verifier closes it.
            await LeaseScenario.Until(async () => (await scenario.Tenant.GetLeaseAsync(deadLease, CancellationToken.None))!.State == LeaseState.Closed, "the reopened lease is closed", Patience);
            Assert.Equal(LeaseReason.NoReplacement, (await scenario.Tenant.GetLeaseAsync(deadLease, CancellationToken.None))!.CloseReason);

            // The heart-beating provider has by now run for well over three heartbeat timeouts.
            var live = (await scenario.Tenant.GetLeaseAsync(liveLease, CancellationToken.None))!;
            await LeaseScenario.Until(async () => await chain.Anvil.NowAsync() > (ulong)live.StartedAt.ToUnixTimeSeconds() + 18, "three timeouts passed", Patience);
            Assert.Equal(LeaseState.Running, (await scenario.Tenant.GetLeaseAsync(liveLease, CancellationToken.None))!.State);
            Assert.DoesNotContain(await scenario.FaultsAsync(), fault => fault.LeaseId == liveLease);
            Assert.Empty(verifier.Complaints());
        }
        finally
        {
            await stopBeating.CancelAsync();
            await beats;
            _output.WriteLine("verifier:\n" + verifier.Process.ErrorTail);
        }
    }

    [Fact]
    public async Task TwoVerifiersRacing_ExactlyOneReportIsMined_TheLoserLogsNoErrorAndSendsAtMostOneTransaction()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var scenario = await LeaseScenario.CreateAsync(chain);
        var silent = await chain.RegisterProviderAsync();
        var leases = new List<BigInteger>();
        for (var i = 0; i < 2; i++)
        {
            // The same provider on two orders: one batched report covers both leases.
            leases.Add(await scenario.RunningLeaseAsync(silent, TimeSpan.FromMinutes(5)));
        }

        await using var first = await VerifierProcess.StartAsync(chain, _directory.Combine("first"), Patience);
        await using var second = await VerifierProcess.StartAsync(chain, _directory.Combine("second"), Patience);
        try
        {
            await LeaseScenario.Until(async () => (await scenario.FaultsAsync()).Count == 2, "both leases are reported", Patience);
            var faults = await scenario.FaultsAsync();
            Assert.Equal(leases, faults.Select(fault => fault.LeaseId).Order());
            var winner = Assert.Single(faults.Select(fault => fault.Reporter).Distinct(StringComparer.OrdinalIgnoreCase));
            Assert.Single(faults.Select(fault => fault.TransactionHash).Distinct());
            var loser = string.Equals(winner, first.Key.Address, StringComparison.OrdinalIgnoreCase) ? second : first;

            // An observation window: the loser's own round for these leases (due at the same second) has long run.
            // (Wall-clock: a silent chain mines no block to read the time from.)
            await Task.Delay(TimeSpan.FromSeconds(3));
            var sent = await chain.Anvil.Rpc.GetTransactionCountAsync(loser.Key.Address, "latest", CancellationToken.None);
            Assert.True(sent <= 1, $"the losing verifier sent {sent} transactions");
            Assert.Empty(first.Complaints());
            Assert.Empty(second.Complaints());
        }
        finally
        {
            _output.WriteLine("first:\n" + first.Process.ErrorTail + "\n\nsecond:\n" + second.Process.ErrorTail);
        }
    }

    [Fact]
    public async Task ProviderNodeDaemon_IsAVerifierByDefault_AndReportsAnotherSilentProviderWithItsOperatorKey()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var scenario = await LeaseScenario.CreateAsync(chain);
        var silent = await chain.RegisterProviderAsync();
        var node = await DevnetNode.CreateAsync(chain, _directory.Combine("node"), "watcher", pricePerGpuSecond: 1000);
        await using var daemon = await node.RunAsync(Patience);
        try
        {
            var leaseId = await scenario.RunningLeaseAsync(silent, TimeSpan.FromMinutes(5));

            await LeaseScenario.Until(async () => (await scenario.FaultsAsync()).Any(fault => fault.LeaseId == leaseId), "the daemon's verifier reports", Patience);
            var report = Assert.Single(await scenario.FaultsAsync());
            Assert.Equal(node.Operator.Address, report.Reporter, StringComparer.OrdinalIgnoreCase);
            Assert.Equal(await scenario.ExpectedFinderFeeAsync((await scenario.Tenant.GetLeaseAsync(leaseId, CancellationToken.None))!.OrderId), report.FinderFee);
        }
        finally
        {
            _output.WriteLine("node:\n" + daemon.ErrorTail);
        }
    }

    public void Dispose() => _directory.Dispose();

    private static async Task BeatAsync(TestProvider provider, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                await provider.Registry.HeartbeatAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The test is over.
        }
    }
}
