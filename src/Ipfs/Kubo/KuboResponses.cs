using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace DePinGpu.Ipfs.Kubo;

/// <summary>
/// Reads Kubo answers within limits: error bodies become <see cref="KuboRpcException"/>, an <c>X-Stream-Error</c> trailer
/// becomes <see cref="KuboStreamException"/>, JSON and NDJSON are read no further than the configured sizes.
/// </summary>
internal static class KuboResponses
{
    public const string StreamErrorTrailer = "X-Stream-Error";
    private const int MaxErrorBodyBytes = 64 * 1024;
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 16 };

    /// <summary>Throws the command's error when the status is not 2xx.</summary>
    public static async Task EnsureSuccessAsync(string command, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await ReadBoundedAsync(response.Content, MaxErrorBodyBytes, truncate: true, cancellationToken).ConfigureAwait(false);
        var (message, code) = ParseError(body);
        throw new KuboRpcException(command, response.StatusCode, message, code);
    }

    /// <summary>Reads a whole JSON answer (at most <paramref name="maxBytes"/>), then checks the stream trailer.</summary>
    public static async Task<JsonDocument> ReadJsonAsync(string command, HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(command, response, cancellationToken).ConfigureAwait(false);
        var body = await ReadBoundedAsync(response.Content, maxBytes, truncate: false, cancellationToken).ConfigureAwait(false);
        CheckTrailer(command, response);
        return Parse(command, body);
    }

    /// <summary>Yields each NDJSON line as a document (dispose it); checks the trailer after the last line.</summary>
    public static async IAsyncEnumerable<JsonDocument> ReadLinesAsync(
        string command, HttpResponseMessage response, int maxLineBytes, int maxLines, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(command, response, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var reader = PipeReader.Create(stream);
        var lines = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (TryTakeLine(ref buffer, out var line))
                {
                    if (line.Length > maxLineBytes)
                    {
                        throw new InvalidDataException($"Kubo {command} sent a line longer than {maxLineBytes} bytes.");
                    }

                    if (IsBlank(line))
                    {
                        continue;
                    }

                    if (++lines > maxLines)
                    {
                        throw new InvalidDataException($"Kubo {command} sent more than {maxLines} entries.");
                    }

                    yield return ParseLine(command, line.ToArray());
                }

                if (buffer.Length > maxLineBytes)
                {
                    throw new InvalidDataException($"Kubo {command} sent a line longer than {maxLineBytes} bytes.");
                }

                if (result.IsCompleted)
                {
                    if (!IsBlank(buffer))
                    {
                        yield return ParseLine(command, buffer.ToArray());
                    }

                    break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }

        CheckTrailer(command, response);
    }

    /// <summary>Throws <see cref="KuboStreamException"/> when Kubo reported an error in the trailer.</summary>
    public static void CheckTrailer(string command, HttpResponseMessage response)
    {
        if (response.TrailingHeaders.TryGetValues(StreamErrorTrailer, out var values) && string.Join(" ", values) is { Length: > 0 } message)
        {
            throw new KuboStreamException(command, message);
        }
    }

    public static JsonDocument Parse(string command, ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Kubo {command} answered with malformed JSON: {exception.Message}", exception);
        }
    }

    /// <summary>The body, at most <paramref name="maxBytes"/>: longer ones are cut (error text) or refused.</summary>
    public static async Task<byte[]> ReadBoundedAsync(HttpContent content, int maxBytes, bool truncate, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    var room = maxBytes - (int)buffer.Length;
                    if (read > room)
                    {
                        if (!truncate)
                        {
                            throw new InvalidDataException($"The answer is larger than the limit of {maxBytes} bytes.");
                        }

                        buffer.Write(chunk, 0, room);
                        break;
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return buffer.ToArray();
        }
    }

    private static JsonDocument ParseLine(string command, byte[] line)
    {
        var document = Parse(command, line);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Type", out var type) && type.ValueKind == JsonValueKind.String
            && type.GetString() == "error")
        {
            var (message, code) = ParseError(line);
            document.Dispose();
            throw new KuboRpcException(command, statusCode: null, message, code);
        }

        return document;
    }

    private static (string Message, int? Code) ParseError(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, JsonOptions);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                int? code = root.TryGetProperty("Code", out var value) && value.TryGetInt32(out var number) ? number : null;
                return (message.GetString()!, code);
            }
        }
        catch (JsonException)
        {
            // Not Kubo's JSON error shape (e.g. a plain-text 404 page): the text itself is the message.
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        return (text.Length == 0 ? "(no error message)" : text, null);
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, position.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return true;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var value in segment.Span)
            {
                if (value is not ((byte)' ' or (byte)'\r' or (byte)'\t'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
