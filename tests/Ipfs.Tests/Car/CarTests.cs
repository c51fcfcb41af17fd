using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Car;

public class CarTests
{
    [Fact]
    public void Header_ForDirectoryRoot_MatchesReferenceBytes()
    {
        var root = Cid.Parse("bafybeic2agteiehsmj3f52e75ebhuyzu3f6iam3gzedi6pampfplpst2me");

        var header = new CarHeader([root]).Encode();

        Assert.Equal(
            "a265726f6f747381d82a58250001701220" + "5a01a64410f262765ee89fe9027a6334d97c803366c9068f3c0c795eb7ca7a61" + "6776657273696f6e01",
            Convert.ToHexStringLower(header));
        Assert.Equal(0x3a, header.Length);
    }

    [Fact]
    public async Task ExportThenRead_SharedLeaves_DepthFirstFirstSeenWithoutDuplicates()
    {
        var (store, root, expectedOrder) = await BuildDagAsync();
        using var car = new MemoryStream();

        var result = await CarExporter.ExportAsync(store, root, car);

        car.Position = 0;
        var reader = await CarReader.OpenAsync(car);
        Assert.Equal([root], reader.Roots);
        var order = new List<Cid>();
        while (await reader.ReadBlockAsync() is { } block)
        {
            order.Add(block.Cid);
        }

        Assert.Equal(expectedOrder, order);
        Assert.Equal(expectedOrder.Count, result.BlockCount);
        Assert.Equal(car.Length, result.ByteCount);
    }

    [Fact]
    public async Task Read_TruncatedAnywhere_IsRejected()
    {
        var (store, root, _) = await BuildDagAsync();
        using var car = new MemoryStream();
        await CarExporter.ExportAsync(store, root, car);
        var bytes = car.ToArray();
        var boundaries = await SectionBoundariesAsync(bytes);

        for (var length = 0; length < bytes.Length; length += 7)
        {
            if (boundaries.Contains(length))
            {
                continue;
            }

            await Assert.ThrowsAsync<CarFormatException>(() => ReadAllAsync(bytes[..length]));
        }
    }

    [Fact]
    public async Task Read_FlippedByteInBlock_ThrowsCorruptBlockNamingTheCid()
    {
        var (store, root, order) = await BuildDagAsync();
        using var car = new MemoryStream();
        await CarExporter.ExportAsync(store, root, car);
        var bytes = car.ToArray();
        bytes[^1] ^= 0xFF;

        var exception = await Assert.ThrowsAsync<CorruptBlockException>(() => ReadAllAsync(bytes));

        Assert.Equal(order[^1], exception.Cid);
    }

    [Theory]
    [InlineData("0aa16776657273696f6e02", "CARv2")]
    [InlineData("", "empty")]
    [InlineData("0aa167766572", "truncated")]
    [InlineData("0fa26776657273696f6e0163666f6f00", "foo")]
    [InlineData("0aa16776657273696f6e01", "roots are missing")]
    [InlineData("00", "header length")]
    public async Task Open_BadHeader_IsRejectedWithReason(string hex, string expected)
    {
        var exception = await Assert.ThrowsAsync<CarFormatException>(() => ReadAllAsync(Convert.FromHexString(hex)));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_OversizeSection_IsRejectedBeforeAllocating()
    {
        using var car = new MemoryStream();
        var writer = await CarWriter.CreateAsync(car, []);
        await car.WriteAsync(Varint.Encode(1UL << 40));

        var exception = await Assert.ThrowsAsync<CarFormatException>(() => ReadAllAsync(car.ToArray()));

        Assert.Contains("announces", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, writer.BlocksWritten);
    }

    [Fact]
    public async Task Export_MissingBlock_ThrowsNamingTheCid()
    {
        var (store, root, order) = await BuildDagAsync();
        await store.DeleteAsync(order[2]);

        var exception = await Assert.ThrowsAsync<BlockNotFoundException>(() => CarExporter.ExportAsync(store, root, Stream.Null));

        Assert.Equal(order[2], exception.Cid);
    }

    private static async Task ReadAllAsync(byte[] bytes)
    {
        var reader = await CarReader.OpenAsync(new MemoryStream(bytes));
        while (await reader.ReadBlockAsync() is not null)
        {
        }
    }

    private static async Task<HashSet<int>> SectionBoundariesAsync(byte[] bytes)
    {
        var stream = new MemoryStream(bytes);
        var reader = await CarReader.OpenAsync(stream);
        var boundaries = new HashSet<int> { (int)stream.Position };
        while (await reader.ReadBlockAsync() is not null)
        {
            boundaries.Add((int)stream.Position);
        }

        return boundaries;
    }

    /// <summary>root → [inner → [a, b], c, a]: "a" is shared and must appear once, where first seen.</summary>
    private static async Task<(MemoryBlockStore Store, Cid Root, List<Cid> Order)> BuildDagAsync()
    {
        var store = new MemoryBlockStore();
        var a = Block.Create(MulticodecCode.Raw, TestData.Random(3000, 1));
        var b = Block.Create(MulticodecCode.Raw, TestData.Random(3000, 2));
        var c = Block.Create(MulticodecCode.Raw, TestData.Random(3000, 3));
        var inner = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode(
            [new PbLink(a.Cid, "a", 3000), new PbLink(b.Cid, "b", 3000)], UnixFsDataCodec.Encode(UnixFsData.Directory))));
        var root = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode(
            [new PbLink(inner.Cid, "1", 6100), new PbLink(c.Cid, "2", 3000), new PbLink(a.Cid, "3", 3000)], UnixFsDataCodec.Encode(UnixFsData.Directory))));
        foreach (var block in new[] { a, b, c, inner, root })
        {
            await store.PutAsync(block);
        }

        return (store, root.Cid, [root.Cid, inner.Cid, a.Cid, b.Cid, c.Cid]);
    }
}
