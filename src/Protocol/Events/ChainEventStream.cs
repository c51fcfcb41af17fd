using DePinGpu.Protocol.Diagnostics;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Protocol.Events;

/// <summary>
/// Delivers typed contract events in chain order, from a start block, once they have the configured
/// confirmations. Reads bounded <c>eth_getLogs</c> ranges; checks every range's first block against the parent
/// hash of the last delivered block and, on a reorg, rolls the consumer back to the common ancestor and replays.
/// The cursor is persisted after each handled batch, so a restart resumes exactly after it. While the RPC is
/// down it backs off and retries the same range: it never skips one. Each poll reads the head once (its number and
/// hash); while caught up, the last delivered block is checked again only when the head changed since it was last
/// found canonical: a chain whose head block is unchanged is unchanged below it (every block commits to its parent).
/// Every poll's outcome is published on the optional <see cref="ChainHead"/>, so others need not poll the head too.
/// </summary>
public sealed partial class ChainEventStream
{
    private readonly EthereumRpc _rpc;
    private readonly IChainEventDecoder _decoder;
    private readonly ChainCursorStore _store;
    private readonly ChainEventStreamOptions _options;
    private readonly ILogger _logger;
    private readonly ChainMetrics _metrics;
    private readonly ChainHead? _head;
    private uint _blockRange;
    private bool _unavailable;
    private VerifiedAnchor? _verified;

    /// <summary>Creates a stream; nothing is read before <see cref="RunAsync"/>.</summary>
    public ChainEventStream(
        EthereumRpc rpc,
        IChainEventDecoder decoder,
        ChainCursorStore store,
        ChainEventStreamOptions options,
        ILogger<ChainEventStream>? logger = null,
        ChainMetrics? metrics = null,
        ChainHead? head = null)
    {
        _rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
        _decoder = decoder ?? throw new ArgumentNullException(nameof(decoder));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = OptionsCheck.Valid(options, nameof(options));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _blockRange = options.MaxBlockRange;
        _metrics = metrics ?? ChainMetrics.Shared;
        _head = head;
    }

    /// <summary>Delivers events to <paramref name="handler"/> until cancelled; handler exceptions end the run.</summary>
    public async Task RunAsync(IChainEventHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var backoff = _options.MinBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            bool moreWork;
            try
            {
                moreWork = await StepAsync(handler, cancellationToken).ConfigureAwait(false);
                MarkAvailable();
                backoff = _options.MinBackoff;
            }
            catch (Exception exception) when (IsRpcFailure(exception) && !cancellationToken.IsCancellationRequested)
            {
                MarkUnavailable(exception);
                _head?.Unreachable();
                await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
                continue;
            }

            if (!moreWork)
            {
                await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Reads and delivers at most one range. Returns true when more blocks are ready at once (catching up).
    /// </summary>
    internal async Task<bool> StepAsync(IChainEventHandler handler, CancellationToken cancellationToken)
    {
        var state = await LoadStateAsync(cancellationToken).ConfigureAwait(false);
        var head = await _rpc.GetLatestBlockHeaderAsync(cancellationToken).ConfigureAwait(false);
        _head?.Reached(head.Number);
        _metrics.StreamPolled(_options.Name, head.Number, state.Next == 0 ? 0 : state.Next - 1);
        if (head.Number < _options.Confirmations || head.Number - _options.Confirmations < state.Next)
        {
            await CheckAnchorAsync(state, head, handler, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var safe = head.Number - _options.Confirmations;
        var to = Math.Min(safe, state.Next + _blockRange - 1);
        // Without confirmations the range often is the head alone: the header just read serves, no second read.
        var first = state.Next == head.Number ? head : await RequireHeaderAsync(state.Next, cancellationToken).ConfigureAwait(false);
        if (state.Anchor is not null && first.ParentHash != state.Anchor.Hash)
        {
            _verified = null;
            await RollBackAsync(state, handler, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var last = to == first.Number ? first : to == head.Number ? head : await RequireHeaderAsync(to, cancellationToken).ConfigureAwait(false);
        var logs = await GetLogsAsync(state.Next, to, cancellationToken).ConfigureAwait(false);
        if (logs is null || !IsConsistent(logs, first, last))
        {
            // The chain moved while we read: read the range again.
            return true;
        }

        var events = Decode(logs);
        var position = new ChainPosition(last.Number, last.Hash);
        if (events.Count > 0)
        {
            await handler.HandleAsync(new ChainEventBatch(state.Next, to, events, position), cancellationToken).ConfigureAwait(false);
        }

        var history = Remember(state.History, new ChainPosition(first.Number, first.Hash), position);
        _store.Save(_options.Name, new StreamState(to + 1, position, history));
        // Read under this head: the next check of the new anchor waits for the head to change (then the parent-hash
        // check of the next range, or the anchor check while caught up, finds any reorg as before).
        _verified = new VerifiedAnchor(head.Hash, position);
        _metrics.EventsDelivered(_options.Name, events.Count);
        _metrics.StreamPolled(_options.Name, head.Number, to);
        LogDelivered(_logger, _options.Name, state.Next, to, events.Count);
        return to < safe;
    }

    private async Task<StreamState> LoadStateAsync(CancellationToken cancellationToken)
    {
        if (_store.Load(_options.Name) is { } stored)
        {
            return stored;
        }

        if (_options.StartBlock == 0)
        {
            return new StreamState(0, null, []);
        }

        var before = await RequireHeaderAsync(_options.StartBlock - 1, cancellationToken).ConfigureAwait(false);
        var anchor = new ChainPosition(before.Number, before.Hash);
        return new StreamState(_options.StartBlock, anchor, [anchor]);
    }

    private async Task CheckAnchorAsync(StreamState state, BlockHeader head, IChainEventHandler handler, CancellationToken cancellationToken)
    {
        if (state.Anchor is null || _verified == new VerifiedAnchor(head.Hash, state.Anchor))
        {
            // Same head block as when this anchor was last found canonical: nothing below the head can have changed.
            return;
        }

        var header = await RequireHeaderAsync(state.Anchor.Number, cancellationToken).ConfigureAwait(false);
        if (header.Hash != state.Anchor.Hash)
        {
            _verified = null;
            await RollBackAsync(state, handler, cancellationToken).ConfigureAwait(false);
            return;
        }

        _verified = new VerifiedAnchor(head.Hash, state.Anchor);
    }

    private async Task RollBackAsync(StreamState state, IChainEventHandler handler, CancellationToken cancellationToken)
    {
        var from = state.Anchor!;
        ChainPosition? ancestor = null;
        var kept = new List<ChainPosition>();
        for (var index = state.History.Count - 1; index >= 0; index--)
        {
            var candidate = state.History[index];
            var header = await RequireHeaderAsync(candidate.Number, cancellationToken).ConfigureAwait(false);
            if (header.Hash == candidate.Hash)
            {
                ancestor = candidate;
                kept.AddRange(state.History.Take(index + 1));
                break;
            }
        }

        if (ancestor is null)
        {
            var oldest = state.History.Count > 0 ? state.History[0].Number : from.Number;
            LogReorgTooDeep(_logger, _options.Name, oldest);
            throw new ChainReorgTooDeepException(_options.Name, oldest);
        }

        LogReorg(_logger, _options.Name, from.Number, from.Hash, ancestor.Number);
        await handler.RollbackAsync(new ChainRollback(from, ancestor), cancellationToken).ConfigureAwait(false);
        _store.Save(_options.Name, new StreamState(ancestor.Number + 1, ancestor, kept));
    }

    private async Task<IReadOnlyList<LogEntry>?> GetLogsAsync(ulong from, ulong to, CancellationToken cancellationToken)
    {
        try
        {
            return await _rpc.GetLogsAsync(new LogFilter(from, to, _decoder.Addresses, _decoder.Topics), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcErrorException exception) when (_blockRange > 1 && IsRangeRefusal(exception))
        {
            _blockRange = Math.Max(1, _blockRange / 2);
            LogRangeReduced(_logger, _options.Name, _blockRange, exception.RpcMessage);
            return null;
        }
    }

    private static bool IsConsistent(IReadOnlyList<LogEntry> logs, BlockHeader first, BlockHeader last)
    {
        foreach (var log in logs)
        {
            if (log.Removed || log.BlockNumber < first.Number || log.BlockNumber > last.Number
                || (log.BlockNumber == first.Number && log.BlockHash != first.Hash)
                || (log.BlockNumber == last.Number && log.BlockHash != last.Hash))
            {
                return false;
            }
        }

        return true;
    }

    private List<ChainEvent> Decode(IReadOnlyList<LogEntry> logs)
    {
        var events = new List<ChainEvent>(logs.Count);
        foreach (var log in logs)
        {
            if (_decoder.Decode(log) is { } decoded)
            {
                events.Add(decoded);
            }
        }

        // Nodes return logs in chain order; sorting (stable, usually a no-op) makes that a guarantee.
        events.Sort(static (a, b) => a.BlockNumber != b.BlockNumber ? a.BlockNumber.CompareTo(b.BlockNumber) : a.LogIndex.CompareTo(b.LogIndex));
        return events;
    }

    private List<ChainPosition> Remember(IReadOnlyList<ChainPosition> history, ChainPosition first, ChainPosition last)
    {
        var updated = new List<ChainPosition>(history.Count + 2);
        updated.AddRange(history);
        if (first.Number != last.Number)
        {
            updated.Add(first);
        }

        updated.Add(last);
        return updated.Count > _options.HistoryDepth ? updated.GetRange(updated.Count - _options.HistoryDepth, _options.HistoryDepth) : updated;
    }

    // A missing block is no evidence of a reorg: the node is behind us (syncing, or restarted and still loading
    // its state). Treat it like an outage (back off, retry) rather than rolling anything back.
    private async Task<BlockHeader> RequireHeaderAsync(ulong number, CancellationToken cancellationToken) =>
        await _rpc.GetBlockHeaderAsync(number, cancellationToken).ConfigureAwait(false)
        ?? throw new RpcTransportException($"The node does not have block {number}; it is behind this stream (syncing or restarting).");

    private static bool IsRpcFailure(Exception exception) =>
        exception is RpcTransportException or RpcErrorException or RpcResponseFormatException;

    private static bool IsRangeRefusal(RpcErrorException exception) =>
        exception.Code == -32005 || exception.RpcMessage.Contains("range", StringComparison.OrdinalIgnoreCase)
        || exception.RpcMessage.Contains("too many", StringComparison.OrdinalIgnoreCase)
        || exception.RpcMessage.Contains("limit", StringComparison.OrdinalIgnoreCase);

    private void MarkUnavailable(Exception exception)
    {
        if (!_unavailable)
        {
            _unavailable = true;
            LogUnavailable(_logger, _options.Name, exception.Message);
        }
    }

    private void MarkAvailable()
    {
        if (_unavailable)
        {
            _unavailable = false;
            LogAvailable(_logger, _options.Name);
        }
    }

    /// <summary>The last delivered block (<paramref name="Anchor"/>) found canonical under the head block <paramref name="HeadHash"/>.</summary>
    private sealed record VerifiedAnchor(string HeadHash, ChainPosition Anchor);
}
