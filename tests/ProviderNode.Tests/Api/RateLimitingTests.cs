using System.Net;
using DePinGpu.ProviderNode.Api;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.ProviderNode.Tests.Api;

public sealed class RateLimitingTests
{
    [Fact]
    public void DefaultOptions_AreValid()
    {
        Assert.Empty(new RateLimitingOptions().Validate());
    }

    [Fact]
    public void OptionsOutOfRange_AreRefused_NamingEachKey()
    {
        var options = new RateLimitingOptions { RequestsPerSecondPerClient = 0, UploadBurstPerClient = 0, MaxConcurrentUploads = 5000, MaxConnections = 1 };

        var problems = options.Validate();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, problem => problem.StartsWith("RequestsPerSecondPerClient 0 ", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("UploadBurstPerClient 0 ", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("MaxConcurrentUploads 5000 ", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("MaxConnections 1 ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Client_IsTheIPv4AddressOrTheIPv6Slash64(string remote, string client)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);

        Assert.Equal(client, RateLimitingPartitions.ClientOf(context));
    }
}
