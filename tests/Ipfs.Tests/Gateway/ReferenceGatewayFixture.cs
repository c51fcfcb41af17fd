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
