using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// Relays a server-sent-event response block by block; when its replica dies mid-stream, re-sends the request to
/// another replica with the resume headers (<see cref="StreamResume"/>) and carries on, so the client sees one
/// unbroken stream with every event once, in order. A service that does not honour the headers, or no replica left,
/// ends the stream with a well-formed <c>event: error</c> block instead of a silent truncation.
/// </summary>
internal sealed partial class StreamRelay(GatewayParts parts, HttpContext context, BufferedRequest request, List<Replica> tried)
{
    private readonly ServerSentEventReader _reader = new();
    private string? _lastId;
    private long _delivered;
    private string? _expectedId;

    /// <summary>Relays <paramref name="response"/> from <paramref name="replica"/> (and its continuations) to the client.</summary>
    public async Task<StreamRelayOutcome> RelayAsync(Replica replica, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        context.Response.Headers.ContentLength = null;
        var current = replica;
        var upstream = response;
        var continuations = 0;
        while (true)
        {
            var step = await PumpAsync(upstream, cancellationToken).ConfigureAwait(false);
            if (!ReferenceEquals(upstream, response))
            {
                upstream.Dispose();
            }

            switch (step)
            {
                case PumpResult.Ended:
                    current.Succeeded();
                    return StreamRelayOutcome.Completed;
                case PumpResult.ClientGone:
                    current.Abandoned();
                    return StreamRelayOutcome.ClientGone;
                case PumpResult.NotResumed:
                    current.Succeeded();
                    return await FailAsync("the service did not resume the stream after the delivered events (it does not honour Last-Event-ID / DePin-Events-Delivered)").ConfigureAwait(false);
            }

            if (current.Failed(parts.Options.EjectAfterFailures))
            {
                parts.Events.Add("replica-ejected", current, "consecutive failed requests");
            }

            var next = request.Repeatable && continuations + 1 < parts.Options.MaxAttempts
                ? await ContinueAsync(cancellationToken).ConfigureAwait(false)
                : null;
            if (next is not { } found)
            {
                return await FailAsync(request.Repeatable ? "no replica could continue the stream" : "the request may not be re-sent (the service is not idempotent)").ConfigureAwait(false);
            }

            continuations++;
            _reader.DiscardPartialBlock();
            (current, upstream) = found;
            parts.Metrics.StreamResumed();
            parts.Events.Add("stream-resumed", current, string.Create(CultureInfo.InvariantCulture, $"after {_delivered} events (last id {_lastId ?? "none"})"));
        }
    }

    private async Task<PumpResult> PumpAsync(HttpResponseMessage upstream, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        Stream body;
        try
        {
            body = await upstream.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            return PumpResult.Cut;
        }

        while (true)
        {
            int read;
            try
            {
                read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or HttpRequestException or InvalidDataException)
            {
                return cancellationToken.IsCancellationRequested ? PumpResult.ClientGone : PumpResult.Cut;
            }
            catch (OperationCanceledException)
            {
                return PumpResult.ClientGone;
            }

            if (read == 0)
            {
                // A stream that ends inside an event did not end: its replica went away.
                return _reader.HasPartialBlock ? PumpResult.Cut : PumpResult.Ended;
            }

            var result = await WriteBlocksAsync(_reader.Feed(buffer.AsSpan(0, read)), cancellationToken).ConfigureAwait(false);
            if (result is not null)
            {
                return result.Value;
            }
        }
    }

    private async Task<PumpResult?> WriteBlocksAsync(IReadOnlyList<ServerSentEventBlock> blocks, CancellationToken cancellationToken)
    {
        if (blocks.Count == 0)
        {
            return null;
        }

        foreach (var block in blocks)
        {
            if (_expectedId is not null && block.IsEvent)
            {
                if (block.Id != _expectedId)
                {
                    return PumpResult.NotResumed;
                }

                _expectedId = null;
            }

            if (block.Id is not null)
            {
                _lastId = block.Id;
            }

            _delivered += block.IsEvent ? 1 : 0;
            try
            {
                await context.Response.Body.WriteAsync(block.Bytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException)
            {
                return PumpResult.ClientGone;
            }
        }

        try
        {
            await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            return PumpResult.ClientGone;
        }

        return null;
    }

    private async Task<StreamRelayOutcome> FailAsync(string detail)
    {
        parts.Metrics.StreamFailed();
        parts.Events.Add("stream-failed", null, detail);
        var data = JsonSerializer.Serialize(new { error = "stream-interrupted", delivered = _delivered, lastEventId = _lastId, detail });
        try
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"event: error\ndata: {data}\n\n"), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            return StreamRelayOutcome.ClientGone;
        }

        return StreamRelayOutcome.Failed;
    }

    private enum PumpResult
    {
        Ended,
        Cut,
        ClientGone,
        NotResumed,
    }
}
