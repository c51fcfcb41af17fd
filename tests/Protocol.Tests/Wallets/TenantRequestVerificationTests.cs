using DePinGpu.Ipfs.Access;
using DePinGpu.Protocol.Wallets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DePinGpu.Protocol.Tests.Wallets;

/// <summary>The tenant request check the node API's log route uses (the gateway's is the same authenticator).</summary>
public sealed class TenantRequestVerificationTests
{
    private const ulong ChainId = 31337;
    private const string Path = "/leases/5/logs";
    private const string Query = "?after=0";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private static readonly FixedTime Clock = new(Now);

    [Fact]
    public void SignedByTheNamedAddress_WithinItsExpiry_IsTheTenant()
    {
        var tenant = WalletKey.Generate();
        var request = Request(TenantRequestSigner.Sign(tenant, ChainId, "GET", Path + Query, Now.AddMinutes(5)));

        Assert.Equal(tenant.Address, TenantRequestVerification.SignedTenant(request, ChainId, Lifetime, out var problem, Clock), StringComparer.OrdinalIgnoreCase);
        Assert.Null(problem);
    }

    [Fact]
    public void Unsigned_IsRefused_SayingWhichHeadersToSend()
    {
        Assert.Null(TenantRequestVerification.SignedTenant(Request([]), ChainId, Lifetime, out var problem, Clock));
        Assert.Contains(TenantRequestSignature.SignatureHeader, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SignedBySomeoneElse_IsRefused()
    {
        var tenant = WalletKey.Generate();
        var headers = TenantRequestSigner.Sign(WalletKey.Generate(), ChainId, "GET", Path + Query, Now.AddMinutes(5))
            .Select(header => header.Key == TenantRequestSignature.AddressHeader ? new KeyValuePair<string, string>(header.Key, tenant.Address) : header).ToList();

        Assert.Null(TenantRequestVerification.SignedTenant(Request(headers), ChainId, Lifetime, out var problem, Clock));
        Assert.NotNull(problem);
    }

    [Theory]
    [InlineData(-1, "expired")]
    [InlineData(120, "ahead")]
    public void ExpiredOrExpiringTooFarAhead_IsRefused(int minutes, string reason)
    {
        var request = Request(TenantRequestSigner.Sign(WalletKey.Generate(), ChainId, "GET", Path + Query, Now.AddMinutes(minutes)));

        Assert.Null(TenantRequestVerification.SignedTenant(request, ChainId, Lifetime, out var problem, Clock));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/leases/6/logs?after=0", ChainId)]
    [InlineData(Path + Query, 1UL)]
    public void SignatureForAnotherTargetOrChain_IsRefused(string signedTarget, ulong signedChain)
    {
        var request = Request(TenantRequestSigner.Sign(WalletKey.Generate(), signedChain, "GET", signedTarget, Now.AddMinutes(5)));

        Assert.Null(TenantRequestVerification.SignedTenant(request, ChainId, Lifetime, out _, Clock));
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000001", "soon", "0x00")]
    [InlineData("0x0000000000000000000000000000000000000001", "1800000100", "0x1234")]
    [InlineData("not an address", "1800000100", "0x00")]
    public void MalformedHeaders_AreRefusedWithAReason(string address, string expires, string signature)
    {
        var request = Request([
            new(TenantRequestSignature.AddressHeader, address),
            new(TenantRequestSignature.ExpiresHeader, expires),
            new(TenantRequestSignature.SignatureHeader, signature)]);

        Assert.Null(TenantRequestVerification.SignedTenant(request, ChainId, Lifetime, out var problem, Clock));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    private static HttpRequest Request(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = Path;
        context.Request.QueryString = new QueryString(Query);
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = Path + Query; // as Kestrel sets it: the target exactly as sent
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
