using System.Text;
using DePinGpu.TenantCli.Gateway;

namespace DePinGpu.TenantCli.Tests.Gateway;

public sealed class ServerSentEventReaderTests
{
    private const string Stream = "id: 1\ndata: {\"n\":1}\n\n: keep-alive\n\nid: 2\r\ndata: two\r\n\r\nid:3\ndata\n\nretry: 5\ndata: a\ndata: b\n\n";

    [Fact]
    public void Feed_WholeStream_CutsBlocksWithIdsAndEventFlags()
    {
        var blocks = new ServerSentEventReader().Feed(Encoding.UTF8.GetBytes(Stream));

        Assert.Equal(["1", null, "2", "3", null], blocks.Select(block => block.Id));
        Assert.Equal([true, false, true, true, true], blocks.Select(block => block.IsEvent));
        Assert.Equal(Stream, string.Concat(blocks.Select(block => Encoding.UTF8.GetString(block.Bytes))));
    }

    [Fact]
    public void Feed_SplitAtEveryByte_GivesTheSameBlocksAsWhole()
    {
        var bytes = Encoding.UTF8.GetBytes(Stream);
        var whole = new ServerSentEventReader().Feed(bytes).Select(Describe).ToList();
        for (var split = 0; split <= bytes.Length; split++)
        {
            var reader = new ServerSentEventReader();
            var parts = reader.Feed(bytes.AsSpan(0, split)).Concat(reader.Feed(bytes.AsSpan(split))).Select(Describe).ToList();
            Assert.Equal(whole, parts);
            Assert.False(reader.HasPartialBlock);
        }
    }

    [Fact]
    public void Feed_StreamEndingInsideAnEvent_KeepsItAsPartial()
    {
        var reader = new ServerSentEventReader();

        var blocks = reader.Feed("id: 1\ndata: one\n\nid: 2\ndata: tw"u8);

        Assert.Single(blocks);
        Assert.True(reader.HasPartialBlock);
    }

    [Fact]
    public void DiscardPartialBlock_ThenFeed_StartsAFreshBlock()
    {
        var reader = new ServerSentEventReader();
        reader.Feed("id: 5\ndata: par"u8);

        reader.DiscardPartialBlock();
        var blocks = reader.Feed("id: 1\ndata: one\n\n"u8);

        Assert.Equal("1", Assert.Single(blocks).Id);
        Assert.Equal("id: 1\ndata: one\n\n"u8.ToArray(), blocks[0].Bytes);
    }

    [Fact]
    public void Feed_BlockLongerThanTheLimit_IsRefused()
    {
        var reader = new ServerSentEventReader();

        Assert.Throws<InvalidDataException>(() => reader.Feed(new byte[ServerSentEventReader.MaxBlockBytes + 1]));
    }

    private static string Describe(ServerSentEventBlock block) => $"{block.Id}|{block.IsEvent}|{Encoding.UTF8.GetString(block.Bytes)}";
}
