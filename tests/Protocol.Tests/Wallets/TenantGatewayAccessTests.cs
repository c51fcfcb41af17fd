using System.Net;
using DePinGpu.Ipfs.Access;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Gateway;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.Protocol.Tests.Wallets;

/// <summary>
/// A gateway that holds a lease's checkpoint, with real EIP-191 signatures: the tenant's signed requests are served, a
/// stranger's get 403, and a signature that is forged, expired, for another URL or another chain gets 401.
/// </summary>
public sealed class TenantGatewayAccessTests : IAsyncLifetime
{
    private const ulong ChainId = 31337;
    private static readonly byte[] Checkpoint = RandomBytes(600_000, seed: 3);
    private readonly MemoryBlockStore _store = new();
    private readonly WalletKey _tenant = WalletKey.Generate();
    private readonly CheckpointAccessList _access = new();
    private TrustlessGateway? _gateway;
    private HttpClient? _client;
    private Cid? _checkpoint;
    private Cid? _public;

    private HttpClient Client => _client!;

    public async Task InitializeAsync()
    {
        _checkpoint = (await new UnixFsImporter().ImportBytesAsync(Checkpoint, _store)).Cid;
        _public = (await new UnixFsImporter().ImportBytesAsync("public model card"u8.ToArray(), _store)).Cid;
        await _access.GrantAsync(new CheckpointGrant("lease-7", _checkpoint, new HashSet<Libp2p.Identity.PeerId>(), _tenant.Address), _store);
        await _access.MarkPublicAsync(_public, _store);
        var authenticator = new TenantRequestAuthenticator(new EthereumTenantSignatureVerifier(), ChainId, TimeSpan.FromHours(1));
        _gateway = new TrustlessGateway(_store, new GatewayOptions { Port = 0 }, null, new GatewayAccess(_access, authenticator));
        await _gateway.StartAsync(CancellationToken.None);
        _client = new HttpClient { BaseAddress = _gateway.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _gateway!.DisposeAsync();
    }

    [Theory]
    [InlineData("/ipfs/{cid}?format=raw")]
    [InlineData("/ipfs/{cid}?format=car")]
    [InlineData("/ipfs/{leaf}?format=raw")]
    public async Task Stranger_IsRefused(string template)
    {
        var leaf = await FirstLeafAsync();
        using var response = await Client.GetAsync(Target(template).Replace("{leaf}", leaf.ToString(), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Tenant_SignedRequests_AreServed_RawCarAndFileRange()
    {
        using var raw = await SendSignedAsync(Target("/ipfs/{cid}?format=raw"));
        using var car = await SendSignedAsync(Target("/ipfs/{cid}?format=car"));
        using var range = await SendSignedAsync(Target("/ipfs/{cid}"), accept: GatewayMediaTypes.FileBytes, range: (1000, 1999));

        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal(HttpStatusCode.OK, car.StatusCode);
        Assert.True((await car.Content.ReadAsByteArrayAsync()).Length > Checkpoint.Length);
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(Checkpoint[1000..2000], await range.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PublicContent_IsServedToAnyone()
    {
        using var response = await Client.GetAsync($"/ipfs/{_public}?format=raw");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task BadSignatures_Are401()
    {
        var target = Target("/ipfs/{cid}?format=raw");
        using var otherKey = await SendSignedAsync(target, signer: WalletKey.Generate(), claimedAddress: _tenant.Address);
        using var expired = await SendSignedAsync(target, expires: DateTimeOffset.UtcNow.AddMinutes(-1));
        using var tooLong = await SendSignedAsync(target, expires: DateTimeOffset.UtcNow.AddDays(2));
        using var otherUrl = await SendSignedAsync(target, signedTarget: Target("/ipfs/{cid}?format=car"));
        using var otherChain = await SendSignedAsync(target, chainId: 1);

        Assert.All([otherKey, expired, tooLong, otherUrl, otherChain], response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
    }

    [Fact]
    public async Task HandOver_DoesNotChangeTheTenant_RevokeOpensTheCheckpoint()
    {
        _access.UpdatePeers("lease-7", []);
        using var tenant = await SendSignedAsync(Target("/ipfs/{cid}?format=raw"));
        _access.Revoke("lease-7");
        using var anyone = await Client.GetAsync(Target("/ipfs/{cid}?format=raw"));

        Assert.Equal(HttpStatusCode.OK, tenant.StatusCode);
        Assert.Equal(HttpStatusCode.OK, anyone.StatusCode);
    }

    [Fact]
    public async Task UnlistedWrapper_AroundTheCheckpoint_DoesNotLeakIt()
    {
        var builder = new UnixFsDirectoryBuilder();
        builder.Add("ckpt", _checkpoint!, (ulong)Checkpoint.Length);
        var (wrapper, _) = builder.Build();
        await _store.PutAsync(wrapper);

        using var listing = await Client.GetAsync($"/ipfs/{wrapper.Cid}?format=car&dag-scope=entity");
        using var fileBytes = new HttpRequestMessage(HttpMethod.Get, $"/ipfs/{wrapper.Cid}/ckpt");
        fileBytes.Headers.Accept.ParseAdd(GatewayMediaTypes.FileBytes);
        using var bytes = await Client.SendAsync(fileBytes);

        // The wrapper's own node is not restricted; walking into the checkpoint meets blocks that read as absent, so the
        // CAR is cut (the connection aborted) and the file's bytes are "not in this store".
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => Client.GetByteArrayAsync($"/ipfs/{wrapper.Cid}/ckpt?format=car"));
        await Assert.ThrowsAsync<HttpRequestException>(() => Client.GetByteArrayAsync($"/ipfs/{wrapper.Cid}?format=car"));
        Assert.Equal(HttpStatusCode.NotFound, bytes.StatusCode);
    }

    private string Target(string template) => template.Replace("{cid}", _checkpoint!.ToString(), StringComparison.Ordinal);

    private async Task<Cid> FirstLeafAsync()
    {
        var node = Ipfs.DagPb.DagPbDecoder.Decode((await _store.GetAsync(_checkpoint!))!);
        return node.Links[0].Hash;
    }

    private async Task<HttpResponseMessage> SendSignedAsync(
        string target, WalletKey? signer = null, string? claimedAddress = null, DateTimeOffset? expires = null,
        string? signedTarget = null, ulong chainId = ChainId, string? accept = null, (long From, long To)? range = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, target);
        var headers = TenantRequestSigner.Sign(signer ?? _tenant, chainId, "GET", signedTarget ?? target, expires ?? DateTimeOffset.UtcNow.AddMinutes(5));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, name == TenantRequestSignature.AddressHeader && claimedAddress is not null ? claimedAddress : value);
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        if (range is { } bytes)
        {
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(bytes.From, bytes.To);
        }

        return await Client.SendAsync(request);
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
