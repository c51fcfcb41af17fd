using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>The inbound path: graylist check, subscriptions, messages (verify, de-duplicate, validate, deliver, forward), control.</summary>
public sealed partial class GossipSubRouter
{
    /// <summary>Processes one RPC from <paramref name="from"/>; completes when its messages are validated and handled.</summary>
    public async Task HandleRpcAsync(PeerId from, Rpc rpc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(rpc);
        lock (_gate)
        {
            if (!_peers.TryGetValue(from, out var state))
            {
                return;
            }

            var score = ScoreOf(from);
            if (score < _options.Thresholds.GraylistThreshold && !IsDirect(from))
            {
                PubSubLog.Graylisted(_logger, from, score);
                return;
            }

            if (rpc.Subscriptions.Count > 0)
            {
                var grafted = ApplyRemoteSubscriptions(from, state, rpc.Subscriptions);
                if (grafted.Count > 0)
                {
                    _transport.Send(from, RpcBuilder.Graft(grafted));
                }
            }
        }

        foreach (var message in rpc.Messages)
        {
            await HandleMessageAsync(from, message, cancellationToken).ConfigureAwait(false);
        }

        if (rpc.Control is { IsEmpty: false } control)
        {
            HandleControl(from, control);
        }
    }

    /// <summary>The peer sent bytes that are not a valid RPC (or an oversized frame): a behaviour penalty.</summary>
    public void ReportMalformedRpc(PeerId from, string reason)
    {
        lock (_gate)
        {
            PubSubLog.MalformedRpc(_logger, from, reason);
            _score.AddPenalty(from, 1);
        }
    }

    private async Task HandleMessageAsync(PeerId from, RpcMessage message, CancellationToken cancellationToken)
    {
        if (!TryAdmit(from, message, out var id))
        {
            return;
        }

        var reason = MessageSigning.Verify(message, _options.SignaturePolicy, out var author);
        if (reason != InvalidMessageReason.None)
        {
            RejectInvalid(from, message.Topic, reason);
            return;
        }

        TopicValidator? validator;
        lock (_gate)
        {
            if (!_seen.TryAdd(id))
            {
                _score.DuplicateMessage(from, id, message.Topic);
                return;
            }

            _score.ValidateMessage(id);
            _promises.Fulfil(id);
            _validators.TryGetValue(message.Topic, out validator);
        }

        var delivered = ToDelivered(message, author, id, from);
        var verdict = validator is null
            ? ValidationResult.Accept
            : await RunValidatorAsync(validator, delivered, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (verdict != ValidationResult.Accept)
            {
                PubSubLog.ValidationOutcome(_logger, id, from, message.Topic, verdict);
                _score.RejectMessage(from, id, message.Topic, ignored: verdict == ValidationResult.Ignore);
                Metrics.Rejected(message.Topic, verdict.ToString());
                return;
            }

            _cache.Put(id, message);
            _score.DeliverMessage(from, id, message.Topic);
            Metrics.Delivered(message.Topic);
            DeliverLocally(delivered);
            Forward(message, from, author);
        }
    }

    /// <summary>Cheap checks before any crypto: known topic, size, rate, id computable and not yet seen.</summary>
    private bool TryAdmit(PeerId from, RpcMessage message, out MessageId id)
    {
        id = default;
        lock (_gate)
        {
            if (!_peers.TryGetValue(from, out var state) || !_subscribers.ContainsKey(message.Topic))
            {
                // Not a topic we take part in: nothing to deliver or relay, and no reason to blame the sender.
                return false;
            }

            var size = RpcEncoder.MessageSize(message);
            if (size > _options.MaxMessageSize)
            {
                RejectInvalidLocked(from, message.Topic, InvalidMessageReason.TooLarge);
                return false;
            }

            var now = _time.GetTimestamp();
            if (!state.MessageBudget.TryTake(1, now, _time.TimestampFrequency) ||
                !state.ByteBudget.TryTake(size, now, _time.TimestampFrequency))
            {
                PubSubLog.RateLimited(_logger, from);
                return false;
            }

            if (!TryComputeId(message, out id))
            {
                RejectInvalidLocked(from, message.Topic, _options.SignaturePolicy == SignaturePolicy.StrictSign
                    ? InvalidMessageReason.InvalidAuthor
                    : InvalidMessageReason.UnexpectedAuthorFields);
                return false;
            }

            if (_seen.Contains(id))
            {
                _score.DuplicateMessage(from, id, message.Topic);
                return false;
            }
        }

        return true;
    }

    private bool TryComputeId(RpcMessage message, out MessageId id)
    {
        try
        {
            id = _options.MessageIdFunctionFor(message.Topic)(message);
            return true;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            // The id function cannot work on this message (no seqno, undecodable author): it is invalid, reported by the caller.
            id = default;
            return false;
        }
    }

    private async ValueTask<ValidationResult> RunValidatorAsync(TopicValidator validator, PubSubMessage message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        timeout.CancelAfter(_options.ValidationTimeout);
        try
        {
            return await validator(message, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            PubSubLog.ValidatorTimeout(_logger, message.Topic, _options.ValidationTimeout);
            return ValidationResult.Ignore;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A throwing validator is a bug on our side, not the sender's: ignore the message without penalty, and log it.
            PubSubLog.ValidatorFailed(_logger, exception, message.Topic);
            return ValidationResult.Ignore;
        }
    }

    private void RejectInvalid(PeerId from, string topic, InvalidMessageReason reason)
    {
        lock (_gate)
        {
            RejectInvalidLocked(from, topic, reason);
        }
    }

    private void RejectInvalidLocked(PeerId from, string topic, InvalidMessageReason reason)
    {
        PubSubLog.InvalidMessage(_logger, from, topic, reason);
        Metrics.Rejected(topic, reason.ToString());
        _score.RejectInvalidMessage(from, topic);
    }

    private void DeliverLocally(PubSubMessage message)
    {
        if (_subscribers.TryGetValue(message.Topic, out var list))
        {
            foreach (var subscription in list)
            {
                subscription.Deliver(message);
            }
        }
    }

    private static PubSubMessage ToDelivered(RpcMessage message, PeerId? author, MessageId id, PeerId receivedFrom) => new(
        message.Topic,
        message.Data ?? [],
        author,
        message.SequenceNumber is { Length: MessageSigning.SequenceNumberLength } sequence
            ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(sequence)
            : null,
        id,
        receivedFrom);
}
