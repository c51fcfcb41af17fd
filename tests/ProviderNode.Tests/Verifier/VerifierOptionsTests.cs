using System.Numerics;
using DePinGpu.ProviderNode.Verifier;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Tests.Verifier;

public sealed class VerifierOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndEnabled()
    {
        var options = new VerifierOptions();

        Assert.Empty(options.Validate());
        Assert.True(options.Enabled);
    }

    [Fact]
    public void BatchLargerThanTheContractAllows_IsRejectedNamingTheKey()
    {
        var problems = new VerifierOptions { MaxBatch = 33, RetryInterval = TimeSpan.Zero }.Validate();

        Assert.Contains(problems, problem => problem.StartsWith("MaxBatch", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("RetryInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void LeaseNamingRefusals_AreVerdicts_OtherRevertsAreFaults()
    {
        Assert.Equal((new BigInteger(5), LeaseVerdict.Lost, (DateTimeOffset?)null), MissedHeartbeatReporter.Refused(new InvalidLeaseStateException("report", 5, LeaseState.Reassigning)));
        Assert.Equal((new BigInteger(5), LeaseVerdict.NotYet, (DateTimeOffset?)DateTimeOffset.FromUnixTimeSeconds(1_001)),
            MissedHeartbeatReporter.Refused(new ProviderStillLiveException("report", 5, "0xabc", 1_000)));
        Assert.Equal(LeaseVerdict.Lost, MissedHeartbeatReporter.Refused(new LeaseEndedWhileLiveException("report", 5, 10, 20))!.Value.Verdict);
        Assert.Null(MissedHeartbeatReporter.Refused(new EmptyBatchException("report")));
    }
}
