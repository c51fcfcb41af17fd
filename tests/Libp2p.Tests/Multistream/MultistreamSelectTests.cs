using DePinGpu.Libp2p.Multistream;
using DePinGpu.Libp2p.Tests.Support;

namespace DePinGpu.Libp2p.Tests.Multistream;

public sealed class MultistreamSelectTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Dialer_WritesHeaderAndFirstProposalInOneBatch_MatchingJsBytes()
    {
        var (dialer, listener) = InMemoryDuplex.CreatePair();
        var selecting = MultistreamSelect.SelectAsync(dialer, ["/noise"], CancellationToken.None);

        var expected = Convert.FromHexString("13" + Hex("/multistream/1.0.0\n") + "07" + Hex("/noise\n"));
        var received = new byte[expected.Length];
        await listener.ReadExactlyAsync(received).AsTask().WaitAsync(Timeout);
        Assert.Equal(expected, received);

        await listener.WriteAsync(expected);
        Assert.Equal("/noise", await selecting.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Negotiation_UnsupportedFirstChoice_AnswersNaAndAgreesOnSecond()
    {
        var (dialer, listener) = InMemoryDuplex.CreatePair();
        var handling = MultistreamSelect.HandleAsync(listener, protocol => protocol == "/meshsub/1.1.0", () => ["/meshsub/1.1.0"], CancellationToken.None);

        var selected = await MultistreamSelect.SelectAsync(dialer, ["/meshsub/1.2.0", "/meshsub/1.1.0", "/floodsub/1.0.0"], CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal("/meshsub/1.1.0", selected);
        Assert.Equal("/meshsub/1.1.0", await handling.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Negotiation_NothingSupported_ReturnsNullForTheDialer()
    {
        var (dialer, listener) = InMemoryDuplex.CreatePair();
        var handling = MultistreamSelect.HandleAsync(listener, _ => false, () => [], CancellationToken.None);

        Assert.Null(await MultistreamSelect.SelectAsync(dialer, ["/a/1", "/b/1"], CancellationToken.None).WaitAsync(Timeout));
        dialer.Dispose();
        await Assert.ThrowsAnyAsync<IOException>(() => handling.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Listener_BytesAfterTheProposalInSameWrite_StayInTheStream()
    {
        var (dialer, listener) = InMemoryDuplex.CreatePair();
        var payload = "application bytes"u8.ToArray();
        var batch = Convert.FromHexString("13" + Hex("/multistream/1.0.0\n") + "08" + Hex("/echo/1\n")).Concat(payload).ToArray();
        await dialer.WriteAsync(batch);

        var agreed = await MultistreamSelect.HandleAsync(listener, protocol => protocol == "/echo/1", () => [], CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal("/echo/1", agreed);
        var rest = new byte[payload.Length];
        await listener.ReadExactlyAsync(rest).AsTask().WaitAsync(Timeout);
        Assert.Equal(payload, rest);
    }

    [Fact]
    public async Task Dialer_ResponseAndDataInSameWrite_KeepsTheData()
    {
        var (dialer, listener) = InMemoryDuplex.CreatePair();
        var reply = Convert.FromHexString("13" + Hex("/multistream/1.0.0\n") + "0f" + Hex("/ipfs/id/1.0.0\n") + "0102030405");
        await listener.WriteAsync(reply);

        Assert.Equal("/ipfs/id/1.0.0", await MultistreamSelect.SelectAsync(dialer, ["/ipfs/id/1.0.0"], CancellationToken.None).WaitAsync(Timeout));
        var rest = new byte[5];
        await dialer.ReadExactlyAsync(rest).AsTask().WaitAsync(Timeout);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, rest);
    }

    [Fact]
    public async Task Listener_LsRequest_AnswersWithProtocolList()
    {
        var (dialer, listener) = InMemoryDuplex.CreatePair();
        var handling = MultistreamSelect.HandleAsync(listener, _ => false, () => ["/a", "/b"], CancellationToken.None);
        await dialer.WriteAsync(Convert.FromHexString("13" + Hex("/multistream/1.0.0\n") + "03" + Hex("ls\n")));

        var header = await MultistreamSelect.ReadMessageAsync(dialer, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(MultistreamSelect.ProtocolId, header);
        var list = new byte[1 + 4 + 4 + 1];
        await dialer.ReadExactlyAsync(list).AsTask().WaitAsync(Timeout);
        Assert.Equal("09" + "03" + Hex("/a\n") + "03" + Hex("/b\n") + "0a", Convert.ToHexStringLower(list));
        dialer.Dispose();
        await Assert.ThrowsAnyAsync<IOException>(() => handling.WaitAsync(Timeout));
    }

    [Theory]
    [InlineData("13" + "2f6d756c746973747265616d2f312e302e30" + "00")]
    [InlineData("00")]
    [InlineData("ffff7f")]
    [InlineData("8008")]
    [InlineData("05" + "2f61626364")]
    [InlineData("03" + "2f61")]
    public async Task Listener_MalformedInput_FailsWithProtocolOrEndOfStreamError(string hex)
    {
        var (dialer, listener) = InMemoryDuplex.CreatePair();
        await dialer.WriteAsync(Convert.FromHexString(hex));
        dialer.Dispose();

        await Assert.ThrowsAnyAsync<IOException>(
            () => MultistreamSelect.HandleAsync(listener, _ => true, () => [], CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task Listener_EndlessProposals_GivesUpAfterTheLimit()
    {
        var (dialer, listener) = InMemoryDuplex.CreatePair(pauseThreshold: 1 << 24);
        var handling = MultistreamSelect.HandleAsync(listener, _ => false, () => [], CancellationToken.None);
        var batch = new List<byte>(Convert.FromHexString("13" + Hex("/multistream/1.0.0\n")));
        for (var index = 0; index < MultistreamSelect.MaxProposals + 5; index++)
        {
            batch.AddRange(Convert.FromHexString("04" + Hex("/x1\n")));
        }

        await dialer.WriteAsync(batch.ToArray());
        await Assert.ThrowsAsync<Libp2pProtocolException>(() => handling.WaitAsync(Timeout));
    }

    private static string Hex(string text) => Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(text));
}
