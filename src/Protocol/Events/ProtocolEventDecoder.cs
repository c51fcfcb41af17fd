using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Events.Registry;
using DePinGpu.Protocol.Rpc;

namespace DePinGpu.Protocol.Events;

/// <summary>
/// Decodes the events of one DePinGpu deployment: the registry's into <see cref="Registry"/> records, the
/// market's into <see cref="Market"/> records. Logs of other contracts or events are skipped.
/// </summary>
public sealed class ProtocolEventDecoder : IChainEventDecoder
{
    private readonly string? _registry;
    private readonly string? _market;

    /// <summary>Decodes the events of <paramref name="registry"/> and/or <paramref name="market"/> (null: not wanted).</summary>
    public ProtocolEventDecoder(string? registry, string? market)
    {
        if (registry is null && market is null)
        {
            throw new ArgumentException("Give the registry address, the market address or both.");
        }

        _registry = registry?.ToLowerInvariant();
        _market = market?.ToLowerInvariant();
        Addresses = new[] { _registry, _market }.OfType<string>().ToArray();
        Topics = (_registry is null ? [] : RegistryEventDecoding.ByTopic.Keys)
            .Concat(_market is null ? [] : MarketEventDecoding.ByTopic.Keys)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Addresses { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Topics { get; }

    /// <inheritdoc />
    public ChainEvent? Decode(LogEntry log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.Topics.Count == 0)
        {
            return null;
        }

        var table = log.Address == _market ? MarketEventDecoding.ByTopic
            : log.Address == _registry ? RegistryEventDecoding.ByTopic
            : null;
        if (table is null || !table.TryGetValue(log.Topics[0], out var decode))
        {
            return null;
        }

        try
        {
            return decode(log);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A log of our contract under a known signature that does not decode means the node sent garbage.
            throw new RpcResponseFormatException($"The log {log.TransactionHash}#{log.LogIndex} of {log.Address} does not decode as its event.", exception);
        }
    }

    /// <summary>Decodes the logs of a receipt (e.g. to read the order id a transaction created).</summary>
    public IReadOnlyList<ChainEvent> DecodeAll(IEnumerable<LogEntry> logs) =>
        logs.Select(Decode).OfType<ChainEvent>().ToArray();
}
