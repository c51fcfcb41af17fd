using System.Globalization;
using DePinGpu.ProviderNode.Api;
using Nethereum.Signer;

namespace DePinGpu.ProviderNode.Tests.Api;

public sealed class LogRequestVerifierTests
{
    private const ulong ChainId = 31337;
    private const string Target = "/leases/5/logs?after=0";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    [Fact]
    public void SignedByTheNamedAddress_WithinItsExpiry_IsGood()
    {
        var tenant = EthECKey.GenerateKey();
        var (expires, signature) = Sign(tenant, "GET", Target, Now.AddMinutes(5));

        var check = LogRequestVerifier.Check(ChainId, "GET", Target, tenant.GetPublicAddress(), expires, signature, Now, Lifetime);

        Assert.Equal(tenant.GetPublicAddress().ToLowerInvariant(), check.Signer);
    }

    [Fact]
    public void SignedBySomeoneElse_IsRefused()
    {
        var tenant = EthECKey.GenerateKey();
        var (expires, signature) = Sign(EthECKey.GenerateKey(), "GET", Target, Now.AddMinutes(5));

        Assert.Null(LogRequestVerifier.Check(ChainId, "GET", Target, tenant.GetPublicAddress(), expires, signature, Now, Lifetime).Signer);
    }

    [Fact]
    public void Expired_IsRefused()
    {
        var tenant = EthECKey.GenerateKey();
        var (expires, signature) = Sign(tenant, "GET", Target, Now.AddSeconds(-1));

        var check = LogRequestVerifier.Check(ChainId, "GET", Target, tenant.GetPublicAddress(), expires, signature, Now, Lifetime);

        Assert.Contains("expired", check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpiringTooFarAhead_IsRefused()
    {
        var tenant = EthECKey.GenerateKey();
        var (expires, signature) = Sign(tenant, "GET", Target, Now.AddHours(2));

        Assert.Null(LogRequestVerifier.Check(ChainId, "GET", Target, tenant.GetPublicAddress(), expires, signature, Now, Lifetime).Signer);
    }

    [Theory]
    [InlineData("/leases/6/logs?after=0", 31337UL)]
    [InlineData(Target, 1UL)]
    public void SignatureForAnotherTargetOrChain_IsRefused(string signedTarget, ulong signedChain)
    {
        var tenant = EthECKey.GenerateKey();
        var expires = Now.AddMinutes(5).ToUnixTimeSeconds();
        var signature = new EthereumMessageSigner().EncodeUTF8AndSign(LogRequestSignature.Message(signedChain, "GET", signedTarget, expires), tenant);

        Assert.Null(LogRequestVerifier.Check(ChainId, "GET", Target, tenant.GetPublicAddress(), expires.ToString(CultureInfo.InvariantCulture), signature, Now, Lifetime).Signer);
    }

    [Theory]
    [InlineData(null, "1800000100", "0x00")]
    [InlineData("0x0000000000000000000000000000000000000001", null, "0x00")]
    [InlineData("0x0000000000000000000000000000000000000001", "soon", "0x00")]
    [InlineData("0x0000000000000000000000000000000000000001", "1800000100", "0x1234")]
    public void MissingOrMalformedHeaders_AreRefusedWithAReason(string? address, string? expires, string? signature)
    {
        var check = LogRequestVerifier.Check(ChainId, "GET", Target, address, expires, signature, Now, Lifetime);

        Assert.Null(check.Signer);
        Assert.False(string.IsNullOrWhiteSpace(check.Problem));
    }

    private static (string Expires, string Signature) Sign(EthECKey key, string method, string target, DateTimeOffset expires)
    {
        var seconds = expires.ToUnixTimeSeconds();
        return (seconds.ToString(CultureInfo.InvariantCulture), new EthereumMessageSigner().EncodeUTF8AndSign(LogRequestSignature.Message(ChainId, method, target, seconds), key));
    }
}
