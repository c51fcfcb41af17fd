using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Gateway;

/// <summary>One gateway for the read-only tests, serving the reference vectors: hello (a), pattern(1 MiB) (b), directory (d).</summary>
public sealed class ReferenceGatewayFixture : IAsyncLifetime
{
    private RunningGateway? _running;

    public static Cid Hello { get; } = Cid.Parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");

    public static Cid Pattern { get; } = Cid.Parse("bafybeiedpcapwld4tkgtzwahfofgn4wex5ryysf4se6hwpmlrsh4ntnrau");

    public static Cid Directory { get; } = Cid.Parse("bafybeic2agteiehsmj3f52e75ebhuyzu3f6iam3gzedi6pampfplpst2me");

    /// <summary>
    /// Vector: the blocks of <see cref="Directory"/> in the trustless gateway's CAR order (depth-first, links in order, no
    /// duplicates). Produced outside this code base: the directory imported by ipfs-unixfs-importer with Kubo's options
    /// (tests/interop/kubo-import.mjs) and walked with @ipld/dag-pb; the root matching (d) shows it is the same DAG.
    /// </summary>
    public static IReadOnlyList<Cid> DirectoryCarOrder { get; } =
    [
        Directory,
        Cid.Parse("bafkreigks6arfsq3xxfpvqrrwonchxcnu6do76auprhhfomao6c273sixm"), // a.txt = "a"
        Pattern, // b.bin, then its four 256 KiB leaves
        Cid.Parse("bafkreibruh455iawsviqslif5c7uurdcfdemh22mtnytyzvnzn75kpejxy"),
        Cid.Parse("bafkreihddpoggv3745xwiqibjkvkeitnt76ocg2e2dkrbsw6cmvxt7l5oy"),
        Cid.Parse("bafkreigh6g66typpu7itqxkrwb36vb5qyoda2kg2ipk5n4rb5bc4jqrwb4"),
        Cid.Parse("bafkreifkcrcl4s3ebghv3wddwwykyvquqcz7wxcb7qd46ufgf3ojieslzq"),
    ];

    /// <summary>A CID whose block the gateway does not have ("hello world" without the newline).</summary>
    public static Cid Absent { get; } = Cid.Parse("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");

    public MemoryBlockStore Store { get; } = new();

    internal RunningGateway Running => _running ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        await UnixFsFixture.AddFileAsync(Store, TestData.Hello);
        await UnixFsFixture.AddReferenceDirectoryAsync(Store);
        _running = await RunningGateway.StartAsync(Store);
    }

    public async Task DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
        }
    }
}
