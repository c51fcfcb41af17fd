using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DePinGpu.Protocol.Diagnostics;

/// <summary>
/// The chain layer's instruments, on the meter <see cref="MeterName"/> (export it with OpenTelemetry's
/// <c>AddMeter("DePinGpu.Protocol")</c> or prometheus-net's meter adapter):
/// <list type="table">
/// <item><term><c>depingpu.chain.head</c></term><description>gauge, {block}: the newest block an event stream saw (tag <c>stream</c>).</description></item>
/// <item><term><c>depingpu.chain.events.lag</c></term><description>gauge, {block}: how far the stream's last delivered block is behind that head (tag <c>stream</c>).</description></item>
/// <item><term><c>depingpu.chain.events.delivered</c></term><description>counter, {event}: events handed to handlers (tag <c>stream</c>; a redelivery counts again).</description></item>
/// <item><term><c>depingpu.chain.transactions.sent</c></term><description>counter, {transaction}: transactions the node accepted.</description></item>
/// <item><term><c>depingpu.chain.transactions.replaced</c></term><description>counter, {transaction}: stuck transactions re-sent at a higher fee (same nonce).</description></item>
/// <item><term><c>depingpu.chain.transactions.dropped</c></term><description>counter, {transaction}: transactions the node lost from its pool, re-sent at their nonce.</description></item>
/// <item><term><c>depingpu.chain.transactions.failed</c></term><description>counter, {transaction}: transactions refused by the node or mined reverted.</description></item>
/// </list>
/// Transaction counters carry the tag <c>operation</c> (the intent's description, e.g. "heartbeat").
/// </summary>
public sealed class ChainMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "DePinGpu.Protocol";

    private readonly Gauge<long> _head;
    private readonly Gauge<long> _lag;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _replaced;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _failed;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (the host's).</summary>
    public ChainMetrics(IMeterFactory meterFactory)
        : this((meterFactory ?? throw new ArgumentNullException(nameof(meterFactory))).Create(MeterName))
    {
    }

    /// <summary>Creates the instruments on <paramref name="meter"/>.</summary>
    public ChainMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _head = meter.CreateGauge<long>("depingpu.chain.head", "{block}", "Newest block an event stream saw.");
        _lag = meter.CreateGauge<long>("depingpu.chain.events.lag", "{block}", "Blocks between the head and the last delivered block.");
        _delivered = meter.CreateCounter<long>("depingpu.chain.events.delivered", "{event}", "Events handed to handlers.");
        _sent = meter.CreateCounter<long>("depingpu.chain.transactions.sent", "{transaction}", "Transactions the node accepted.");
        _replaced = meter.CreateCounter<long>("depingpu.chain.transactions.replaced", "{transaction}", "Stuck transactions replaced at a higher fee.");
        _dropped = meter.CreateCounter<long>("depingpu.chain.transactions.dropped", "{transaction}", "Transactions the node dropped, re-sent at their nonce.");
        _failed = meter.CreateCounter<long>("depingpu.chain.transactions.failed", "{transaction}", "Transactions refused or mined reverted.");
    }

    /// <summary>Instruments on a process-wide meter, for objects built without a host.</summary>
    public static ChainMetrics Shared { get; } = new(new Meter(MeterName));

    internal void StreamPolled(string stream, ulong head, ulong lastDelivered)
    {
        var tag = new KeyValuePair<string, object?>("stream", stream);
        _head.Record(checked((long)head), tag);
        _lag.Record(head > lastDelivered ? checked((long)(head - lastDelivered)) : 0, tag);
    }

    internal void EventsDelivered(string stream, int count) =>
        _delivered.Add(count, new KeyValuePair<string, object?>("stream", stream));

    internal void TransactionSent(string operation) => _sent.Add(1, Operation(operation));

    internal void TransactionReplaced(string operation) => _replaced.Add(1, Operation(operation));

    internal void TransactionDropped(string operation) => _dropped.Add(1, Operation(operation));

    internal void TransactionFailed(string operation) => _failed.Add(1, Operation(operation));

    private static TagList Operation(string operation) => new() { { "operation", operation } };
}
