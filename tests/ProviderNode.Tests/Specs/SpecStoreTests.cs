using System.Numerics;
using System.Text;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Specs;
using DePinGpu.ProviderNode.Tests.Support;

namespace DePinGpu.ProviderNode.Tests.Specs;

public sealed class SpecStoreTests : IDisposable
{
    private const string ValidSpec = """{"schemaVersion":1,"runtime":"process","command":["/bin/true"]}""";
    private readonly TemporaryDirectory _directory = new();
    private readonly MemoryBlockStore _blocks = new();
    private readonly ContentStore _content;
    private readonly OpenOrderBook _orders = new();
    private readonly SpecStore _specs;

    public SpecStoreTests()
    {
        _content = new ContentStore(_blocks, new ContentStoreOptions { PinDatabasePath = _directory.Combine("pins.db") });
        _specs = new SpecStore(_content, _orders);
    }

    [Fact]
    public async Task Upload_WhoseCidIsAnOpenOrdersSpec_IsStoredAndPinned()
    {
        var bytes = Encoding.UTF8.GetBytes(ValidSpec);
        var cid = Cid.ForBlock(MulticodecCode.Raw, bytes);
        _orders.Open(1, cid);

        var result = await _specs.UploadAsync(bytes, 64 * 1024, CancellationToken.None);

        Assert.True(result.Accepted, result.Problem);
        Assert.Equal(cid, result.Cid);
        Assert.NotNull(await _content.GetPinAsync(cid));
        Assert.Equal(bytes, await _specs.GetAsync(cid, TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Upload_MatchingNoOpenOrder_IsRefusedAndStoresNothing()
    {
        _orders.Open(1, Cid.ForBlock(MulticodecCode.Raw, "other"u8));
        var result = await _specs.UploadAsync(Encoding.UTF8.GetBytes(ValidSpec), 64 * 1024, CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Contains("No open order", result.Problem, StringComparison.Ordinal);
        Assert.False(await _blocks.HasAsync(result.Cid!));
    }

    [Fact]
    public async Task Upload_OfAnEndedOrder_IsRefused()
    {
        var bytes = Encoding.UTF8.GetBytes(ValidSpec);
        _orders.Open(1, Cid.ForBlock(MulticodecCode.Raw, bytes));
        _orders.End(1);

        Assert.False((await _specs.UploadAsync(bytes, 64 * 1024, CancellationToken.None)).Accepted);
    }

    [Fact]
    public async Task Upload_OverTheLimit_IsRefusedBeforeAnythingElse()
    {
        var bytes = new byte[2048];
        _orders.Open(1, Cid.ForBlock(MulticodecCode.Raw, bytes));
        var result = await _specs.UploadAsync(bytes, 1024, CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Contains("at most 1024", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OfAMalformedSpec_IsRefusedWithTheParsersReason()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"schemaVersion":1,"runtime":"kvm"}""");
        _orders.Open(1, Cid.ForBlock(MulticodecCode.Raw, bytes));
        var result = await _specs.UploadAsync(bytes, 64 * 1024, CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Contains("runtime", result.Problem, StringComparison.Ordinal);
        Assert.False(await _blocks.HasAsync(result.Cid!));
    }

    [Fact]
    public async Task InputOfAnAcceptedSpec_IsAcceptedAfterTheSpec()
    {
        var input = "input bytes"u8.ToArray();
        var inputCid = Cid.ForBlock(MulticodecCode.Raw, input);
        var spec = Encoding.UTF8.GetBytes($$"""{"schemaVersion":1,"runtime":"process","command":["/bin/true"],"inputs":[{"cid":"{{inputCid}}","name":"data.bin"}]}""");
        _orders.Open(new BigInteger(4), Cid.ForBlock(MulticodecCode.Raw, spec));

        Assert.False((await _specs.UploadAsync(input, 64 * 1024, CancellationToken.None)).Accepted);
        Assert.True((await _specs.UploadAsync(spec, 64 * 1024, CancellationToken.None)).Accepted);
        Assert.True((await _specs.UploadAsync(input, 64 * 1024, CancellationToken.None)).Accepted);
    }

    public void Dispose()
    {
        _content.Dispose();
        _directory.Dispose();
    }
}
