using DePinGpu.Ipfs.Access;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Tests.Bitswap.Server;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Access;

/// <summary>
/// A node holding a lease's checkpoint answers Bitswap wants for it only from the lease's peers; anyone else gets exactly
/// what a node without the block sends (DONT_HAVE when asked for one), and a hand-over moves who is served.
/// </summary>
public sealed class BitswapCheckpointAccessTests : IAsyncLifetime
{
    private const string Tenant = "0x1111111111111111111111111111111111111111";
    private readonly CheckpointAccessList _access = new();
    private readonly ServerFixture _server;
    private readonly ProbePeer _provider;
    private readonly ProbePeer _standby;
    private readonly ProbePeer _stranger;
    private Cid? _checkpoint;
    private Cid? _public;

    public BitswapCheckpointAccessTests()
    {
        _server = new ServerFixture(accessPolicy: _access);
        _provider = _server.AddProbe();
        _standby = _server.AddProbe();
        _stranger = _server.AddProbe();
    }

    public async Task InitializeAsync()
    {
        _checkpoint = await _server.PutAsync("optimizer state"u8.ToArray());
        _public = await _server.PutAsync("public model card"u8.ToArray());
        await _access.GrantAsync(new CheckpointGrant("lease-7", _checkpoint, new HashSet<Libp2p.Identity.PeerId> { _provider.Id, _standby.Id }, Tenant), _server.Store);
        await _access.MarkPublicAsync(_public, _server.Store);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Stranger_WantBlockAndWantHave_GetDontHave_AsIfTheBlockWereAbsent()
    {
        var absent = Libp2p.Multiformats.Cid.ForBlock(MulticodecCode.Raw, "never stored"u8);
        await _stranger.SendAsync(_server.Endpoint.LocalPeer, WantlistEntry.WantBlock(_checkpoint!), WantlistEntry.WantHave(absent));

        var answers = await _stranger.CollectAsync(blocks: 0, presences: 2);

        Assert.Empty(answers.SelectMany(message => message.Blocks));
        var presences = answers.SelectMany(message => message.Presences).ToList();
        Assert.All(presences, presence => Assert.Equal(BlockPresenceType.DontHave, presence.Type));
        Assert.Equal([_checkpoint!.ToV1(), absent.ToV1()], presences.Select(presence => presence.Cid.ToV1()).Order());
    }

    [Fact]
    public async Task ProviderAndStandby_AreServed_AndPublicContentIsServedToAnyone()
    {
        await _standby.SendAsync(_server.Endpoint.LocalPeer, WantlistEntry.WantBlock(_checkpoint!));
        await _stranger.SendAsync(_server.Endpoint.LocalPeer, WantlistEntry.WantBlock(_public!));

        var standby = await _standby.CollectAsync(blocks: 1, presences: 0);
        var stranger = await _stranger.CollectAsync(blocks: 1, presences: 0);

        Assert.Equal(_checkpoint!.ToV1(), standby.SelectMany(message => message.Blocks).Single().Cid.ToV1());
        Assert.Equal(_public!.ToV1(), stranger.SelectMany(message => message.Blocks).Single().Cid.ToV1());
    }

    [Fact]
    public async Task HandOver_NewProviderIsServedItsParkedWant_OldProviderIsRefused()
    {
        await _stranger.SendAsync(_server.Endpoint.LocalPeer, WantlistEntry.WantBlock(_checkpoint!));
        Assert.Equal(BlockPresenceType.DontHave, (await _stranger.CollectAsync(0, 1)).SelectMany(message => message.Presences).Single().Type);

        // The chain hands the lease to the stranger (say a standby that was just chosen); the old provider was slashed.
        Assert.True(_access.UpdatePeers("lease-7", [_stranger.Id, _standby.Id]));
        var served = await _stranger.CollectAsync(blocks: 1, presences: 0);
        await _provider.SendAsync(_server.Endpoint.LocalPeer, WantlistEntry.WantBlock(_checkpoint!));
        var refused = await _provider.CollectAsync(blocks: 0, presences: 1);

        Assert.Equal(_checkpoint!.ToV1(), served.SelectMany(message => message.Blocks).Single().Cid.ToV1());
        Assert.Equal(BlockPresenceType.DontHave, refused.SelectMany(message => message.Presences).Single().Type);
    }
}
