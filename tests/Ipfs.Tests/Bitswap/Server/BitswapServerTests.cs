using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Bitswap.Server;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Server;

public class BitswapServerTests
{
    [Fact]
    public async Task WantBlock_StoredBlock_IsSentAndRebuildsToTheWantedCid()
    {
        await using var fixture = new ServerFixture();
        var data = TestData.Random(300_000, seed: 1);
        var cid = await fixture.PutAsync(data);
        var probe = fixture.AddProbe();

        await probe.SendAsync(fixture.Endpoint.LocalPeer, WantlistEntry.WantBlock(cid));

        var message = await probe.NextAsync();
        var (receivedCid, receivedData) = Assert.Single(message.Blocks);
        Assert.Equal(cid, receivedCid);
        Assert.Equal(data, receivedData);
        Assert.Empty(message.Presences);
    }

    [Fact]
    public async Task WantBlock_CidV0_IsAnsweredWithAV0Prefix()
    {
        await using var fixture = new ServerFixture();
        var data = TestData.Hex("0a120802120c68656c6c6f20776f726c640a180c");
        await fixture.PutAsync(data, MulticodecCode.DagPb);
        var v0 = Cid.Parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
        var probe = fixture.AddProbe();
        var frames = new List<byte[]>();
        fixture.Hub.Interceptor = (_, _, frame) =>
        {
            lock (frames)
            {
                frames.Add(frame);
            }

            return frame;
        };

        await probe.SendAsync(fixture.Endpoint.LocalPeer, WantlistEntry.WantBlock(v0));

        var message = await probe.NextAsync();
        Assert.Equal(v0.ToV1(), Assert.Single(message.Blocks).Cid);
        lock (frames)
        {
            Assert.Contains("0a0400701220", Convert.ToHexStringLower(frames.Last()), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1024, true)]
    [InlineData(1025, false)]
    public async Task WantHave_AnswersSmallBlocksInlineAndLargeOnesWithHave(int size, bool inline)
    {
        await using var fixture = new ServerFixture();
        var cid = await fixture.PutAsync(TestData.Random(size, seed: size));
        var probe = fixture.AddProbe();

        await probe.SendAsync(fixture.Endpoint.LocalPeer, WantlistEntry.WantHave(cid));

        var message = await probe.NextAsync();
        if (inline)
        {
            Assert.Equal(cid, Assert.Single(message.Blocks).Cid);
            Assert.Empty(message.Presences);
        }
        else
        {
            Assert.Empty(message.Blocks);
            Assert.Equal(new BlockPresence(cid, BlockPresenceType.Have), Assert.Single(message.Presences));
        }
    }

    [Fact]
    public async Task MissingBlock_WithSendDontHave_IsAnsweredDontHaveOnce_AndServedWhenItArrives()
    {
        await using var fixture = new ServerFixture();
        var data = TestData.Random(5000, seed: 2);
        var cid = Cid.ForBlock(MulticodecCode.Raw, data);
        var probe = fixture.AddProbe();

        await probe.SendAsync(fixture.Endpoint.LocalPeer, WantlistEntry.WantBlock(cid));

        var answer = await probe.NextAsync();
        Assert.Equal(new BlockPresence(cid, BlockPresenceType.DontHave), Assert.Single(answer.Presences));
        Assert.Equal(1, fixture.Server.GetLedger(probe.Id)!.Wants);

        await fixture.PutAsync(data);
        fixture.Server.NotifyBlocksAvailable([cid]);

        var delivered = await probe.NextAsync();
        Assert.Equal(cid, Assert.Single(delivered.Blocks).Cid);
        Assert.Equal(0, fixture.Server.GetLedger(probe.Id)!.Wants);
    }

    [Fact]
    public async Task MissingBlock_WithoutSendDontHave_GetsNoAnswer()
    {
        await using var fixture = new ServerFixture();
        var probe = fixture.AddProbe();
        var missing = Cid.ForBlock(MulticodecCode.Raw, [1, 2, 3]);

        await probe.SendAsync(fixture.Endpoint.LocalPeer, new WantlistEntry(missing, 1, false, WantType.Block, SendDontHave: false));

        Assert.True(await probe.IsQuietAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(1, fixture.Server.GetLedger(probe.Id)!.Wants);
    }

    [Fact]
    public async Task CancelledParkedWant_IsNotServedWhenTheBlockArrives()
    {
        await using var fixture = new ServerFixture();
        var probe = fixture.AddProbe();
        var data = TestData.Random(100, seed: 3);
        var cid = Cid.ForBlock(MulticodecCode.Raw, data);
        await probe.SendAsync(fixture.Endpoint.LocalPeer, new WantlistEntry(cid, 1, false, WantType.Block, SendDontHave: false));
        await WaitUntilAsync(() => fixture.Server.GetLedger(probe.Id)?.Wants == 1);

        await probe.SendAsync(fixture.Endpoint.LocalPeer, WantlistEntry.CancelWant(cid));
        await WaitUntilAsync(() => fixture.Server.GetLedger(probe.Id)?.Wants == 0);
        await fixture.PutAsync(data);
        fixture.Server.NotifyBlocksAvailable([cid]);

        Assert.True(await probe.IsQuietAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task ManyLargeBlocks_AreSplitIntoMessagesWithinTheLimit()
    {
        await using var fixture = new ServerFixture();
        var cids = new List<Cid>();
        for (var index = 0; index < 24; index++)
        {
            cids.Add(await fixture.PutAsync(TestData.Random(256 * 1024, seed: 100 + index)));
        }

        var probe = fixture.AddProbe();

        await probe.SendAsync(fixture.Endpoint.LocalPeer, [.. cids.Select(cid => WantlistEntry.WantBlock(cid))]);

        var messages = await probe.CollectAsync(blocks: 24, presences: 0);
        Assert.Equal(cids.ToHashSet(), messages.SelectMany(message => message.Blocks).Select(block => block.Cid).ToHashSet());
        Assert.All(fixture.Endpoint.Sent, sent => Assert.True(sent.FrameLength <= BitswapMessageLimits.DefaultMaxMessageSize + 4));
        Assert.True(messages.Count >= 6, $"24 blocks of 256 KiB need at least 6 messages of the 1 MiB target; got {messages.Count}.");
        var ledger = fixture.Server.GetLedger(probe.Id)!;
        Assert.Equal(24, ledger.BlocksSent);
        Assert.Equal(24L * 256 * 1024, ledger.BytesSent);
    }

    [Fact]
    public async Task Wants_AreServedByPriorityThenArrival()
    {
        await using var fixture = new ServerFixture(new BitswapServerOptions { TargetMessageSize = 1, WorkerCount = 1, MaxBytesInFlightPerPeer = 1 });
        var low = await fixture.PutAsync(TestData.Random(2000, seed: 4));
        var high = await fixture.PutAsync(TestData.Random(2000, seed: 5));
        var later = await fixture.PutAsync(TestData.Random(2000, seed: 6));
        var probe = fixture.AddProbe();

        await probe.SendAsync(fixture.Endpoint.LocalPeer, WantlistEntry.WantBlock(low, 1), WantlistEntry.WantBlock(high, 9), WantlistEntry.WantBlock(later, 9));

        var messages = await probe.CollectAsync(blocks: 3, presences: 0);
        Assert.Equal([high, later, low], messages.SelectMany(message => message.Blocks).Select(block => block.Cid));
    }

    [Fact]
    public async Task FullWantlist_ReplacesEarlierWants()
    {
        await using var fixture = new ServerFixture();
        var probe = fixture.AddProbe();
        var first = Cid.ForBlock(MulticodecCode.Raw, [1]);
        var second = Cid.ForBlock(MulticodecCode.Raw, [2]);
        var third = Cid.ForBlock(MulticodecCode.Raw, [3]);
        await probe.SendAsync(fixture.Endpoint.LocalPeer, [.. new[] { first, second }.Select(cid => new WantlistEntry(cid, 1, false, WantType.Block, false))]);
        await WaitUntilAsync(() => fixture.Server.GetLedger(probe.Id)?.Wants == 2);

        await probe.SendAsync(fixture.Endpoint.LocalPeer, new BitswapMessage
        {
            Wantlist = new BitswapWantlist([new WantlistEntry(third, 1, false, WantType.Block, false)], Full: true),
        });

        await WaitUntilAsync(() => fixture.Server.GetLedger(probe.Id)?.Wants == 1);
    }

    [Fact]
    public async Task WantlistBeyondThePerPeerLimit_IsTruncatedAndCounted()
    {
        await using var fixture = new ServerFixture(new BitswapServerOptions { MaxWantlistEntriesPerPeer = 10 });
        var probe = fixture.AddProbe();
        var entries = Enumerable.Range(0, 15)
            .Select(index => new WantlistEntry(Cid.ForBlock(MulticodecCode.Raw, BitConverter.GetBytes(index)), 1, false, WantType.Block, false))
            .ToArray();

        await probe.SendAsync(fixture.Endpoint.LocalPeer, entries);

        await WaitUntilAsync(() => fixture.Server.GetLedger(probe.Id) is { Wants: 10, WantsIgnored: 5 });
    }

    [Fact]
    public async Task Disconnect_ForgetsThePeersLedger()
    {
        await using var fixture = new ServerFixture();
        var probe = fixture.AddProbe();
        await probe.SendAsync(fixture.Endpoint.LocalPeer, new WantlistEntry(Cid.ForBlock(MulticodecCode.Raw, [9]), 1, false, WantType.Block, false));
        await WaitUntilAsync(() => fixture.Server.GetLedger(probe.Id) is not null);

        fixture.Hub.Disconnect(fixture.Endpoint, probe.Endpoint);

        Assert.Null(fixture.Server.GetLedger(probe.Id));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(10);
        }
    }
}
