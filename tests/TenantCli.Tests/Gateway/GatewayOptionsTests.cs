using System.Net;
using DePinGpu.TenantCli.Gateway;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>The gateway's options are checked before anything starts; each problem names what to change.</summary>
public sealed class GatewayOptionsTests
{
    private static readonly GatewayOptions Valid = new()
    {
        Listen = new IPEndPoint(IPAddress.Loopback, 8080),
        MetricsListen = new IPEndPoint(IPAddress.Loopback, 8081),
    };

    [Fact]
    public void Problems_OfTheDefaults_AreNone() => Assert.Empty(Valid.Problems());

    [Theory]
    [InlineData(0)]
    [InlineData(3601)]
    public void Problems_OfAReconcileIntervalOutsideOneSecondToAnHour_NameTheOption(int seconds)
    {
        var problems = (Valid with { ReconcileInterval = TimeSpan.FromSeconds(seconds) }).Problems();

        Assert.Contains(problems, problem => problem.StartsWith("--reconcile-interval", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3600)]
    public void Problems_OfAReconcileIntervalAtItsBounds_AreNone(int seconds) =>
        Assert.Empty((Valid with { ReconcileInterval = TimeSpan.FromSeconds(seconds) }).Problems());

    [Fact]
    public void Problems_OfAChainPollIntervalBelow50Milliseconds_AreReported() =>
        Assert.Contains((Valid with { ChainPollInterval = TimeSpan.FromMilliseconds(10) }).Problems(), problem => problem.Contains("chain poll", StringComparison.Ordinal));
}
