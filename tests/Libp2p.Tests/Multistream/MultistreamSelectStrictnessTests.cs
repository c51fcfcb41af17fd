using DePinGpu.Libp2p.Multistream;
using DePinGpu.Libp2p.Tests.Support;

namespace DePinGpu.Libp2p.Tests.Multistream;

/// <summary>
/// Each malformed or hostile input fails with its own error, and the limits sit exactly where they are documented
/// (written after mutation testing showed which checks no test could tell apart).
/// </summary>
public sealed class MultistreamSelectStrictnessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private const string Header = "13" + "2f6d756c746973747265616d2f312e302e300a";

    [Theory]
    [InlineData("05" + "2f61626364", "does not end with a newline")]
    [InlineData("04" + "2fc3280a", "not valid UTF-8")]
    [InlineData("8000", "not a minimal varint")]
    [InlineData("8208", "outside 1-1025")]
    [InlineData("ffff7f", "longer than two bytes")]
    [InlineData("13" + "2f6d756c746973747265616d2f322e302e300a", "Expected the multistream header")]
    public async Task Listener_MalformedInput_FailsWithItsOwnReason(string hex, string reason)
    {
        var (dialer, listener) = InMemoryDuplex.CreatePair();
        await dialer.WriteAsync(Convert.FromHexString(hex));

        var error = await Assert.ThrowsAsync<Libp2pProtocolException>(
            () => MultistreamSelect.HandleAsync(listener, _ => true, () => [], CancellationToken.None).WaitAsync(Timeout));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("13" + "2f6d756c746973747265616d2f322e302e300a", "Expected the multistream header")]
    [InlineData(Header + "06" + "2f6f7468650a", "but the listener answered '/othe'")]
    public async Task Dialer_UnexpectedAnswer_FailsWithItsOwnReason(string hex, string reason)
    {
        var (dialer, listener) = InMemoryDuplex.CreatePair();
        var selecting = MultistreamSelect.SelectAsync(dialer, ["/noise"], CancellationToken.None);
        await listener.WriteAsync(Convert.FromHexString(hex));

        var error = await Assert.ThrowsAsync<Libp2pProtocolException>(() => selecting.WaitAsync(Timeout));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProtocolIdOfTheMaximumLength_IsNegotiated()
    {
        var longest = "/" + new string('x', MultistreamSelect.MaxProtocolLength - 1);
        var (dialer, listener) = InMemoryDuplex.CreatePair();
        var handling = MultistreamSelect.HandleAsync(listener, protocol => protocol == longest, () => [], CancellationToken.None);

        Assert.Equal(longest, await MultistreamSelect.SelectAsync(dialer, [longest], CancellationToken.None).WaitAsync(Timeout));
        Assert.Equal(longest, await handling.WaitAsync(Timeout));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/a\n/b")]
    [InlineData("/a\n" + "0123456789012345678901234567890123456789012345678901234567890")] // 64 characters: shown whole
    [InlineData("/too-long")]
    public void ValidateProtocolId_Invalid_IsRefusedNamingItShortened(string protocol)
    {
        var candidate = protocol == "/too-long" ? "/" + new string('y', MultistreamSelect.MaxProtocolLength) : protocol;

        var error = Assert.Throws<ArgumentException>(() => MultistreamSelect.ValidateProtocolId(candidate));

        Assert.Contains("is not a valid protocol id (1-1024 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{(candidate.Length <= 64 ? candidate : candidate[..61] + "...")}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arguments_Missing_AreRefusedBeforeAnythingIsSent()
    {
        var (dialer, listener) = InMemoryDuplex.CreatePair();

        await Assert.ThrowsAsync<ArgumentNullException>(() => MultistreamSelect.SelectAsync(null!, ["/a"], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() => MultistreamSelect.SelectAsync(dialer, null!, CancellationToken.None));
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => MultistreamSelect.SelectAsync(dialer, [], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() => MultistreamSelect.HandleAsync(null!, _ => true, () => [], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() => MultistreamSelect.HandleAsync(listener, null!, () => [], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() => MultistreamSelect.HandleAsync(listener, _ => true, null!, CancellationToken.None));
        Assert.Throws<ArgumentNullException>(() => MultistreamSelect.ValidateProtocolId(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => MultistreamSelect.SelectAsync(dialer, ["/bad\nid"], CancellationToken.None));

        Assert.Contains("at least one protocol", empty.Message, StringComparison.Ordinal);
        dialer.Dispose();
        Assert.Equal(0, await listener.ReadAsync(new byte[1]).AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task Listener_ExactlyMaxProposalsRefused_TheNextIsNotConsidered()
    {
        var (dialer, listener) = InMemoryDuplex.CreatePair(pauseThreshold: 1 << 24);
        var handling = MultistreamSelect.HandleAsync(listener, protocol => protocol == "/ok", () => [], CancellationToken.None);
        var batch = new List<byte>(Convert.FromHexString(Header));
        for (var index = 0; index < MultistreamSelect.MaxProposals; index++)
        {
            batch.AddRange(Convert.FromHexString("04" + "2f78310a")); // "/x1", refused
        }

        batch.AddRange(Convert.FromHexString("04" + "2f6f6b0a")); // "/ok" would be agreed, but comes one too late
        await dialer.WriteAsync(batch.ToArray());

        var error = await Assert.ThrowsAsync<Libp2pProtocolException>(() => handling.WaitAsync(Timeout));
        Assert.Contains($"more than {MultistreamSelect.MaxProposals} proposals", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listener_AfterAnsweringLs_AnswersTheNextProposalOnly_OverStreamsThatNeedFlushing()
    {
        var (dialerEnd, listenerEnd) = InMemoryDuplex.CreatePair();
        var dialer = dialerEnd;
        await using var listener = new FlushedWritesStream(listenerEnd);
        var handling = MultistreamSelect.HandleAsync(listener, protocol => protocol == "/a", () => ["/a"], CancellationToken.None);
        await dialer.WriteAsync(Convert.FromHexString(Header + "03" + "6c730a" + "03" + "2f610a"));

        Assert.Equal(MultistreamSelect.ProtocolId, await MultistreamSelect.ReadMessageAsync(dialer, CancellationToken.None).WaitAsync(Timeout));
        var list = new byte[1 + 4 + 1];
        await dialer.ReadExactlyAsync(list).AsTask().WaitAsync(Timeout);
        var answer = await MultistreamSelect.ReadMessageAsync(dialer, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal("05" + "03" + "2f610a" + "0a", Convert.ToHexStringLower(list));
        Assert.Equal("/a", answer); // not "na": the ls request is answered by the list alone
        Assert.Equal("/a", await handling.WaitAsync(Timeout));
    }

    /// <summary>Holds written bytes until <see cref="FlushAsync"/> (as TLS or a buffered socket writer would); reads pass through.</summary>
    private sealed class FlushedWritesStream(Stream inner) : Stream
    {
        private readonly MemoryStream _pending = new();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _pending.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await inner.WriteAsync(_pending.ToArray(), cancellationToken);
            _pending.SetLength(0);
        }

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
