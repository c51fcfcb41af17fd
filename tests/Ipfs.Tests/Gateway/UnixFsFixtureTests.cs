using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Gateway;

public class UnixFsFixtureTests
{
    [Fact]
    public async Task Fixture_BuildsTheReferenceVectors()
    {
        var store = new MemoryBlockStore();

        var hello = await UnixFsFixture.AddFileAsync(store, TestData.Hello);
        var pattern = await UnixFsFixture.AddFileAsync(store, TestData.Pattern(TestData.MiB));
        var directory = await UnixFsFixture.AddReferenceDirectoryAsync(store);

        Assert.Equal(Cid.Parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4"), hello.Cid);
        Assert.Equal(Cid.Parse("bafybeiedpcapwld4tkgtzwahfofgn4wex5ryysf4se6hwpmlrsh4ntnrau"), pattern.Cid);
        Assert.Equal(1048784UL, pattern.Tsize);
        Assert.Equal(Cid.Parse("bafybeic2agteiehsmj3f52e75ebhuyzu3f6iam3gzedi6pampfplpst2me"), directory);
    }
}
