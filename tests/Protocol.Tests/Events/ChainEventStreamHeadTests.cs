using System.Collections.Concurrent;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.TestSupport;

namespace DePinGpu.Protocol.Tests.Events;

/// <summary>
/// The head poll: one head read per poll while nothing changes, the anchor checked again only under a new head block
/// (a reorg to the same height still found at the next poll), and every poll's outcome published on <see cref="ChainHead"/>.
/// </summary>
public sealed class ChainEventStreamHeadTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-stream-head-" + Guid.NewGuid().ToString("N"));
    private readonly AnvilChain _chain = fixture.Chain;
    private LogEmitter _emitter = null!;

    // Each test emits from its own fresh key and emitter: a reorg test drops that key's transactions.
    public async Task InitializeAsync() => _emitter = await LogEmitter.DeployAsync(await LogEmitter.FreshSenderAsync(_chain));

    public Task DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(2u)]
    public async Task CaughtUp_UnchangedHead_ReadsOnlyTheHeadEachPoll(uint confirmations)
    {
        await EmitAsync(1, 2, 3);
        using var store = Store();
        using var calls = new CallCounter(_chain.RpcUrl);
        var stream = Stream(calls.Rpc, store, confirmations);
        var handler = new RecordingHandler();
        await DrainAsync(stream, handler);
        await stream.StepAsync(handler, CancellationToken.None);
        calls.Clear();

        for (var poll = 0; poll < 5; poll++)
        {
            Assert.False(await stream.StepAsync(handler, CancellationToken.None));
        }

        Assert.Equal(Enumerable.Repeat("eth_getBlockByNumber latest", 5), calls.Requests);
    }

    [Theory]
    [InlineData(0u, new[] { "eth_getBlockByNumber latest", "eth_getLogs", "eth_getBlockByNumber latest" })]
    [InlineData(3u, new[] { "eth_getBlockByNumber latest", "eth_getBlockByNumber number", "eth_getLogs", "eth_getBlockByNumber latest" })]
    public async Task NewBlock_IsDeliveredWithAtMostOneMoreHeaderRead_ThenPollsReadOnlyTheHead(uint confirmations, string[] expected)
    {
        // One block per emit (automine): enough for a first delivery under the confirmations, so a cursor is stored.
        await EmitAsync(1, 2, 3, 4, 5);
        using var store = Store();
        using var calls = new CallCounter(_chain.RpcUrl);
        var stream = Stream(calls.Rpc, store, confirmations);
        var handler = new RecordingHandler();
        await DrainAsync(stream, handler);
        await stream.StepAsync(handler, CancellationToken.None);
        await _chain.MineAsync();
        calls.Clear();

        await stream.StepAsync(handler, CancellationToken.None);
        await stream.StepAsync(handler, CancellationToken.None);

        Assert.Equal(expected, calls.Requests);
    }

    [Fact]
    public async Task ReorgToTheSameHeight_IsFoundAtTheNextPoll_WithoutANewBlock()
    {
        await EmitAsync(1, 2, 3);
        var snapshot = await _chain.SnapshotAsync();
        await EmitAsync(4, 5);
        using var store = Store();
        var stream = Stream(_chain.Rpc, store, confirmations: 0);
        var handler = new RecordingHandler();
        await DrainAsync(stream, handler);
        await stream.StepAsync(handler, CancellationToken.None);
        var height = await _chain.Rpc.GetBlockNumberAsync(CancellationToken.None);

        await _chain.RevertAsync(snapshot);
        _emitter.SendFrom(await LogEmitter.FreshSenderAsync(_chain));
        await EmitAsync(6, 7);
        Assert.Equal(height, await _chain.Rpc.GetBlockNumberAsync(CancellationToken.None));
        await stream.StepAsync(handler, CancellationToken.None);

        var rollback = Assert.Single(handler.Rollbacks);
        Assert.True(rollback.To.Number < rollback.From.Number);
        await DrainAsync(stream, handler);
        Assert.Equal([1, 2, 3, 6, 7], handler.LiveValues());
    }

    [Fact]
    public async Task Head_PublishesEachPoll_AndFlipsOnlyWhenTheChainStopsOrStartsAnswering()
    {
        using var store = Store();
        var head = new ChainHead();
        var firstFlip = head.NextFlip;
        var stream = Stream(_chain.Rpc, store, confirmations: 0, head);
        var handler = new RecordingHandler();

        await DrainAsync(stream, handler);
        Assert.True(firstFlip.IsCompletedSuccessfully);
        Assert.True(head.IsReachable);
        Assert.Equal(await _chain.Rpc.GetBlockNumberAsync(CancellationToken.None), head.Number);

        var nextFlip = head.NextFlip;
        await stream.StepAsync(handler, CancellationToken.None);
        Assert.False(nextFlip.IsCompleted);

        using var closed = new EthereumRpc(new Uri($"http://127.0.0.1:{FreePort.Next()}"), TimeSpan.FromSeconds(5));
        using var stopping = new CancellationTokenSource();
        var unreachable = Stream(closed, store, confirmations: 0, head).RunAsync(handler, stopping.Token);
        await nextFlip.WaitAsync(TimeSpan.FromSeconds(60));
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => unreachable);
        Assert.False(head.IsReachable);
    }

    private ChainCursorStore Store() => new(Path.Combine(_directory, "cursor.db"));

    private ChainEventStream Stream(EthereumRpc rpc, ChainCursorStore store, uint confirmations, ChainHead? head = null) =>
        new(rpc, new RawLogDecoder(_emitter.Address), store, new ChainEventStreamOptions
        {
            Name = "test",
            StartBlock = _emitter.DeployedAt,
            Confirmations = confirmations,
            PollInterval = TimeSpan.FromMilliseconds(20),
            MinBackoff = TimeSpan.FromMilliseconds(20),
            MaxBackoff = TimeSpan.FromMilliseconds(200),
        }, head: head);

    private static async Task DrainAsync(ChainEventStream stream, IChainEventHandler handler)
    {
        for (var i = 0; i < 10_000 && await stream.StepAsync(handler, CancellationToken.None); i++)
        {
        }
    }

    private async Task EmitAsync(params long[] values)
    {
        foreach (var value in values)
        {
            await _emitter.EmitAsync(value);
        }
    }

    /// <summary>An RPC client whose requests are recorded as "method latest|number" (only block reads carry the second word).</summary>
    private sealed class CallCounter : IDisposable
    {
        private readonly Recorder _recorder = new();

        public CallCounter(Uri endpoint)
        {
            Rpc = new EthereumRpc(new JsonRpcClient(new HttpClient(_recorder), endpoint));
        }

        public EthereumRpc Rpc { get; }

        public IReadOnlyList<string> Requests => [.. _recorder.Requests];

        public void Clear() => _recorder.Requests.Clear();

        public void Dispose() => Rpc.Dispose();

        private sealed class Recorder() : DelegatingHandler(new SocketsHttpHandler())
        {
            public ConcurrentQueue<string> Requests { get; } = new();

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var body = await request.Content!.ReadAsStringAsync(cancellationToken);
                using var json = System.Text.Json.JsonDocument.Parse(body);
                var method = json.RootElement.GetProperty("method").GetString()!;
                var block = method == "eth_getBlockByNumber" ? json.RootElement.GetProperty("params")[0].GetString() == "latest" ? " latest" : " number" : "";
                Requests.Enqueue(method + block);
                return await base.SendAsync(request, cancellationToken);
            }
        }
    }
}
