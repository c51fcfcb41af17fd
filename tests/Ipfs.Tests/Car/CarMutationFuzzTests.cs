using CsCheck;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Car;

/// <summary>
/// CAR bodies as a hostile peer or gateway could send them: a valid CAR with random edits (bit flips, overwritten,
/// inserted and deleted bytes, truncation, duplicated spans). Importing one either fails with the reader's own errors or
/// stores only blocks of the original, byte for byte under their multihash — never an unverified block and never another
/// kind of failure. (An edited codec in a section's CID is fine: the bytes are still the ones the hash names.)
/// CsCheck draws a fresh seed each run and prints it on failure (rerun with that seed to reproduce).
/// </summary>
public class CarMutationFuzzTests
{
    private static readonly Lazy<(byte[] Car, Dictionary<Multihash, byte[]> Blocks)> Original = new(BuildOriginal);

    private static readonly Gen<Edit> Edits = Gen.Select(Gen.Int[0, 5], Gen.Int[0, int.MaxValue], Gen.Int[1, 40], Gen.Byte.Array[1, 9])
        .Select((kind, position, length, bytes) => new Edit((EditKind)kind, position, length, bytes));

    [Fact]
    public async Task MutatedCar_IsRefusedWithTheReadersErrors_OrYieldsOnlyOriginalBlocks()
    {
        var (car, blocks) = Original.Value;

        await Edits.Array[1, 4].SampleAsync(async edits =>
        {
            var mutated = edits.Aggregate(car, (bytes, edit) => edit.ApplyTo(bytes));
            var store = new MemoryBlockStore();
            try
            {
                await CarImporter.ImportAsync(new MemoryStream(mutated), store);
            }
            catch (Exception exception) when (exception is CarFormatException or CorruptBlockException)
            {
                // Refused as a CAR: what the importer is for. The blocks stored before the fault must still be genuine.
            }

            await foreach (var cid in store.EnumerateAsync())
            {
                Assert.True(blocks.TryGetValue(cid.Hash, out var expected), $"{cid} is not a block of the original CAR");
                Assert.Equal(expected, await store.GetAsync(cid));
            }
        }, iter: 2000);
    }

    [Fact]
    public async Task SectionWhoseCidNamesAnUnsupportedHash_IsRefusedAsABadCar()
    {
        // Found by the fuzz test above: this used to escape as NotSupportedException, which CAR callers do not expect.
        using var car = new MemoryStream();
        await CarWriter.CreateAsync(car, []);
        byte[] cid = [0x01, 0x55, 0x18, 0x20, .. new byte[32]]; // CIDv1, raw, multihash 0x18 (not sha2-256), 32-byte digest
        byte[] section = [.. cid, 1, 2, 3];
        await car.WriteAsync(Varint.Encode((ulong)section.Length));
        await car.WriteAsync(section);

        var refusal = await Assert.ThrowsAsync<CarFormatException>(() => CarImporter.ImportAsync(new MemoryStream(car.ToArray()), new MemoryBlockStore()));

        Assert.Contains("cannot be verified", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnmutatedCar_ImportsEveryBlock()
    {
        var (car, blocks) = Original.Value;
        var store = new MemoryBlockStore();

        var result = await CarImporter.ImportAsync(new MemoryStream(car), store);

        Assert.Equal(blocks.Count, result.BlockCount);
        await foreach (var cid in store.EnumerateAsync())
        {
            Assert.Equal(blocks[cid.Hash], await store.GetAsync(cid));
        }
    }

    /// <summary>A two-level DAG with a shared leaf, as <see cref="CarExporter"/> writes it.</summary>
    private static (byte[] Car, Dictionary<Multihash, byte[]> Blocks) BuildOriginal()
    {
        var a = Block.Create(MulticodecCode.Raw, TestData.Random(700, 11));
        var b = Block.Create(MulticodecCode.Raw, TestData.Random(300, 12));
        var c = Block.Create(MulticodecCode.Raw, TestData.Random(500, 13));
        var inner = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode(
            [new PbLink(a.Cid, "a", 700), new PbLink(b.Cid, "b", 300)], UnixFsDataCodec.Encode(UnixFsData.Directory))));
        var root = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode(
            [new PbLink(inner.Cid, "1", 1100), new PbLink(c.Cid, "2", 500), new PbLink(a.Cid, "3", 700)], UnixFsDataCodec.Encode(UnixFsData.Directory))));
        var store = new MemoryBlockStore();
        var all = new[] { a, b, c, inner, root };
        foreach (var block in all)
        {
            store.PutAsync(block).GetAwaiter().GetResult();
        }

        using var car = new MemoryStream();
        CarExporter.ExportAsync(store, root.Cid, car).GetAwaiter().GetResult();
        return (car.ToArray(), all.ToDictionary(block => block.Cid.Hash, block => block.Data.ToArray()));
    }

    private enum EditKind
    {
        FlipBit,
        Overwrite,
        Insert,
        Delete,
        Truncate,
        DuplicateSpan,
    }

    private sealed record Edit(EditKind Kind, int Position, int Length, byte[] Bytes)
    {
        public byte[] ApplyTo(byte[] source)
        {
            if (source.Length == 0)
            {
                return Kind == EditKind.Insert ? Bytes : source;
            }

            var at = Position % source.Length;
            var span = Math.Min(Length, source.Length - at);
            var bytes = source.ToList();
            switch (Kind)
            {
                case EditKind.FlipBit:
                    bytes[at] ^= (byte)(1 << (Length % 8));
                    break;
                case EditKind.Overwrite:
                    for (var index = 0; index < Bytes.Length && at + index < bytes.Count; index++)
                    {
                        bytes[at + index] = Bytes[index];
                    }

                    break;
                case EditKind.Insert:
                    bytes.InsertRange(at, Bytes);
                    break;
                case EditKind.Delete:
                    bytes.RemoveRange(at, span);
                    break;
                case EditKind.Truncate:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case EditKind.DuplicateSpan:
                    bytes.InsertRange(Math.Min(bytes.Count, at + span), source.AsSpan(at, span).ToArray());
                    break;
            }

            return [.. bytes];
        }
    }
}
