using DePinGpu.Ipfs.Access;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Access;

public sealed class CheckpointAccessListTests
{
    private const string Tenant = "0x1111111111111111111111111111111111111111";
    private readonly MemoryBlockStore _store = new();
    private readonly PeerId _provider = NewPeer();
    private readonly PeerId _standby = NewPeer();
    private readonly PeerId _stranger = NewPeer();

    [Fact]
    public async Task Grant_ListsEveryBlockOfTheCheckpoint_ForItsReadersOnly()
    {
        var checkpoint = await new UnixFsImporter().ImportBytesAsync(TestData.Random(3 * TestData.Chunk, seed: 1), _store);
        var access = new CheckpointAccessList();

        var listed = await access.GrantAsync(Grant(checkpoint.Cid, _provider, _standby), _store);

        Assert.Equal(4, listed);
        await foreach (var cid in _store.EnumerateAsync())
        {
            Assert.True(access.MayServe(cid, Requester.OfPeer(_provider)));
            Assert.True(access.MayServe(cid, Requester.OfPeer(_standby)));
            Assert.True(access.MayServe(cid, Requester.OfTenant(Tenant.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal))));
            Assert.False(access.MayServe(cid, Requester.OfPeer(_stranger)));
            Assert.False(access.MayServe(cid, Requester.Anonymous));
            Assert.False(access.MayServe(cid, Requester.OfTenant("0x2222222222222222222222222222222222222222")));
        }
    }

    [Fact]
    public async Task UpdatePeers_IsAHandOver_TheOldProviderLosesAccessTheNewGainsIt()
    {
        var checkpoint = await new UnixFsImporter().ImportBytesAsync("state"u8.ToArray(), _store);
        var access = new CheckpointAccessList();
        await access.GrantAsync(Grant(checkpoint.Cid, _provider, _standby), _store);
        var changed = new List<IReadOnlyCollection<Cid>>();
        access.ReadersChanged += changed.Add;

        var updated = access.UpdatePeers("lease-7", [_standby, _stranger]);

        Assert.True(updated);
        Assert.False(access.MayServe(checkpoint.Cid, Requester.OfPeer(_provider)));
        Assert.True(access.MayServe(checkpoint.Cid, Requester.OfPeer(_stranger)));
        Assert.Contains(checkpoint.Cid.ToV1(), Assert.Single(changed));
        Assert.False(access.UpdatePeers("no-such-lease", [_provider]));
    }

    [Fact]
    public async Task PublicRoot_StaysPublic_EvenWhenACheckpointSharesItsBlocks()
    {
        var shared = await new UnixFsImporter().ImportBytesAsync("model card"u8.ToArray(), _store);
        var access = new CheckpointAccessList();
        await access.GrantAsync(Grant(shared.Cid, _provider), _store);
        Assert.False(access.MayServe(shared.Cid, Requester.Anonymous));

        await access.MarkPublicAsync(shared.Cid, _store);

        Assert.True(access.MayServe(shared.Cid, Requester.Anonymous));
        Assert.True(access.UnmarkPublic(shared.Cid));
        Assert.False(access.MayServe(shared.Cid, Requester.Anonymous));
    }

    [Fact]
    public async Task UnlistedBlocks_FollowTheNodeSetting()
    {
        var other = await new UnixFsImporter().ImportBytesAsync("unrelated"u8.ToArray(), _store);

        Assert.True(new CheckpointAccessList(UnlistedBlockAccess.Public).MayServe(other.Cid, Requester.Anonymous));
        Assert.False(new CheckpointAccessList(UnlistedBlockAccess.Refused).MayServe(other.Cid, Requester.Anonymous));
    }

    [Fact]
    public async Task GrantingTwice_IsIdempotent_AndRevokeEndsTheRestriction()
    {
        var checkpoint = await new UnixFsImporter().ImportBytesAsync("state"u8.ToArray(), _store);
        var access = new CheckpointAccessList();

        await access.GrantAsync(Grant(checkpoint.Cid, _provider), _store);
        await access.GrantAsync(Grant(checkpoint.Cid, _provider), _store);

        Assert.Single(access.Grants);
        Assert.True(access.Revoke("lease-7"));
        Assert.True(access.MayServe(checkpoint.Cid, Requester.Anonymous));
    }

    [Fact]
    public async Task Grant_OfACheckpointNotYetStored_ListsTheRoot_AndAGrantAfterTheFetchListsTheRest()
    {
        var source = new MemoryBlockStore();
        var checkpoint = await new UnixFsImporter().ImportBytesAsync(TestData.Random(2 * TestData.Chunk, seed: 2), source);
        var access = new CheckpointAccessList();

        Assert.Equal(1, await access.GrantAsync(Grant(checkpoint.Cid, _provider), _store));
        await foreach (var cid in source.EnumerateAsync())
        {
            await _store.PutAsync(Block.Verify(cid, (await source.GetAsync(cid))!));
        }

        Assert.Equal(3, await access.GrantAsync(Grant(checkpoint.Cid, _provider), _store));
    }

    [Fact]
    public async Task Grant_WithABadTenantAddress_IsRefused()
    {
        var grant = Grant(Cid.Parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4"), _provider) with { TenantAddress = "0x12" };

        await Assert.ThrowsAsync<ArgumentException>(() => new CheckpointAccessList().GrantAsync(grant, _store));
    }

    private static CheckpointGrant Grant(Cid root, params PeerId[] peers) => new("lease-7", root, peers.ToHashSet(), Tenant);

    private static PeerId NewPeer() => PeerId.FromPublicKey(Ed25519PrivateKey.Generate().PublicKey);
}
