using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.UnixFs;

namespace DePinGpu.Ipfs.Tests.Interop;

/// <summary>Our importer and Helia (configured like Kubo) give the same CIDs for the inputs.</summary>
public sealed class HeliaCidInteropTests : IClassFixture<HeliaCidFixture>
{
    private readonly HeliaCidFixture _fixture;

    public HeliaCidInteropTests(HeliaCidFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string> Files => new(HeliaCidFixture.FileSizes.Keys);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task ImportFile_SameCidAsHelia(string name)
    {
        var result = await new UnixFsImporter().ImportAsync(_fixture.PathOf(name), new MemoryBlockStore());

        Assert.Equal(_fixture.HeliaCidOf(name), result.Cid.ToString());
        Assert.Equal((ulong)HeliaCidFixture.FileSizes[name], result.ContentSize);
    }

    [Fact]
    public async Task ImportDirectoryTree_ThreeLevelsThousandEntries_SameCidAsHelia()
    {
        var path = _fixture.PathOf(HeliaCidFixture.TreeName);
        Assert.Equal(1000, Directory.GetFileSystemEntries(path, "*", SearchOption.AllDirectories).Length);

        var result = await new UnixFsImporter().ImportAsync(path, new MemoryBlockStore());

        Assert.Equal(_fixture.HeliaCidOf(HeliaCidFixture.TreeName), result.Cid.ToString());
    }
}
