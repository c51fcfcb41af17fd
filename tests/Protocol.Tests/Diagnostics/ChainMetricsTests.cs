using System.Diagnostics.Metrics;
using System.Numerics;
using DePinGpu.Protocol.Diagnostics;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.Protocol.Tests.Diagnostics;

public sealed class ChainMetricsTests : IClassFixture<AnvilFixture>, IDisposable
{
    private readonly AnvilChain _chain;
    private readonly Meter _meter = new(ChainMetrics.MeterName);
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = [];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-metrics-" + Guid.NewGuid().ToString("N"));

    public ChainMetricsTests(AnvilFixture fixture)
    {
        _chain = fixture.Chain;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (_measurements)
            {
                _measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meter.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private long Sum(string instrument, string tag, string value)
    {
        lock (_measurements)
        {
            return _measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault(tag), value)).Sum(m => m.Value);
        }
    }

    private long Last(string instrument)
    {
        lock (_measurements)
        {
            return _measurements.Last(m => m.Instrument == instrument).Value;
        }
    }

    [Fact]
    public async Task Sender_CountsSentDroppedAndFailedTransactions_ByOperation()
    {
        var metrics = new ChainMetrics(_meter);
        var sender = new TransactionSender(_chain.Rpc, _chain.Accounts[1], AnvilChain.ChainId, new RevertDecoder(), new TransactionOptions { ReceiptPollInterval = TimeSpan.FromMilliseconds(20) }, null, metrics);
        var poor = new TransactionSender(_chain.Rpc, WalletKey.Generate(), AnvilChain.ChainId, new RevertDecoder(), null, null, metrics);
        var payment = new TransactionIntent(_chain.Accounts[2].Address, [], BigInteger.One, "payment");

        await sender.SendAsync(payment, CancellationToken.None);
        await _chain.SetAutomineAsync(false);
        var watched = await sender.SubmitWatchedAsync(payment with { Description = "heartbeat" }, CancellationToken.None);
        await _chain.CallAsync("anvil_dropTransaction", watched.Hash);
        await sender.CheckWatchedAsync(CancellationToken.None);
        await _chain.SetAutomineAsync(true);
        await Assert.ThrowsAsync<TransactionRejectedException>(() => poor.SendAsync(payment, CancellationToken.None));

        Assert.Equal(1, Sum("depingpu.chain.transactions.sent", "operation", "payment"));
        Assert.Equal(1, Sum("depingpu.chain.transactions.sent", "operation", "heartbeat"));
        Assert.Equal(1, Sum("depingpu.chain.transactions.dropped", "operation", "heartbeat"));
        Assert.Equal(1, Sum("depingpu.chain.transactions.failed", "operation", "payment"));
    }

    [Fact]
    public async Task EventStream_RecordsHeadLagAndDeliveredEvents()
    {
        var emitter = await LogEmitter.DeployAsync(await LogEmitter.FreshSenderAsync(_chain));
        foreach (var value in new long[] { 1, 2, 3 })
        {
            await emitter.EmitAsync(value);
        }

        using var store = new ChainCursorStore(Path.Combine(_directory, "cursor.db"));
        var stream = new ChainEventStream(_chain.Rpc, new RawLogDecoder(emitter.Address), store, new ChainEventStreamOptions { Name = "metered", StartBlock = emitter.DeployedAt, Confirmations = 0, MaxBlockRange = 1 }, null, new ChainMetrics(_meter));
        var handler = new RecordingHandler();
        var first = await stream.StepAsync(handler, CancellationToken.None);
        var lagWhileBehind = Last("depingpu.chain.events.lag");
        while (await stream.StepAsync(handler, CancellationToken.None))
        {
        }

        var head = await _chain.Rpc.GetBlockNumberAsync(CancellationToken.None);
        Assert.True(first);
        Assert.True(lagWhileBehind > 0);
        Assert.Equal(3, Sum("depingpu.chain.events.delivered", "stream", "metered"));
        Assert.Equal((long)head, Last("depingpu.chain.head"));
        Assert.Equal(0, Last("depingpu.chain.events.lag"));
    }
}
