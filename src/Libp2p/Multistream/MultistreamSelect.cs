using System.Buffers;
using System.Text;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Libp2p.Multistream;

/// <summary>
/// multistream-select 1.0: each message is <c>uvarint(len) ‖ utf8 ‖ '\n'</c>. Reads are exact (never past the
/// last negotiation message), so bytes that follow the negotiation stay in the stream for the next protocol.
/// </summary>
public static class MultistreamSelect
{
    /// <summary>The protocol header both sides send first.</summary>
    public const string ProtocolId = "/multistream/1.0.0";

    /// <summary>Longest protocol id accepted (js-libp2p's limit).</summary>
    public const int MaxProtocolLength = 1024;

    /// <summary>Most proposals a listener answers before giving up on the dialer.</summary>
    public const int MaxProposals = 32;

    private const string NotAvailable = "na";
    private const string ListRequest = "ls";

    /// <summary>
    /// Dialer side: sends the header and the first proposal together, then proposes each protocol in turn until
    /// one is echoed. Returns the agreed protocol, or null when the remote answered <c>na</c> to all of them.
    /// Throws <see cref="Libp2pProtocolException"/> on malformed answers.
    /// </summary>
    public static async Task<string?> SelectAsync(Stream stream, IReadOnlyList<string> protocols, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(protocols);
        if (protocols.Count == 0)
        {
            throw new ArgumentException("Offer at least one protocol.", nameof(protocols));
        }

        await WriteMessagesAsync(stream, [ProtocolId, protocols[0]], cancellationToken).ConfigureAwait(false);
        var header = await ReadMessageAsync(stream, cancellationToken).ConfigureAwait(false);
        if (header != ProtocolId)
        {
            throw new Libp2pProtocolException($"Expected the multistream header but received '{Shorten(header)}'.");
        }

        for (var index = 0; index < protocols.Count; index++)
        {
            if (index > 0)
            {
                await WriteMessagesAsync(stream, [protocols[index]], cancellationToken).ConfigureAwait(false);
            }

            var answer = await ReadMessageAsync(stream, cancellationToken).ConfigureAwait(false);
            if (answer == protocols[index])
            {
                return answer;
            }

            if (answer != NotAvailable)
            {
                throw new Libp2pProtocolException($"Proposed '{protocols[index]}' but the listener answered '{Shorten(answer)}'.");
            }
        }

        return null;
    }

    /// <summary>
    /// Listener side: answers the header, then <c>na</c> to unsupported proposals (and the list to <c>ls</c>)
    /// until one is supported, which it echoes and returns. Throws <see cref="Libp2pProtocolException"/> on
    /// malformed input or more than <see cref="MaxProposals"/> proposals.
    /// </summary>
    public static async Task<string> HandleAsync(
        Stream stream,
        Func<string, bool> isSupported,
        Func<IReadOnlyList<string>> listProtocols,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(isSupported);
        ArgumentNullException.ThrowIfNull(listProtocols);
        var header = await ReadMessageAsync(stream, cancellationToken).ConfigureAwait(false);
        if (header != ProtocolId)
        {
            throw new Libp2pProtocolException($"Expected the multistream header but received '{Shorten(header)}'.");
        }

        await WriteMessagesAsync(stream, [ProtocolId], cancellationToken).ConfigureAwait(false);
        for (var proposal = 0; proposal < MaxProposals; proposal++)
        {
            var requested = await ReadMessageAsync(stream, cancellationToken).ConfigureAwait(false);
            if (requested == ListRequest)
            {
                await WriteListAsync(stream, listProtocols(), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (requested != ProtocolId && isSupported(requested))
            {
                await WriteMessagesAsync(stream, [requested], cancellationToken).ConfigureAwait(false);
                return requested;
            }

            await WriteMessagesAsync(stream, [NotAvailable], cancellationToken).ConfigureAwait(false);
        }

        throw new Libp2pProtocolException($"The dialer made more than {MaxProposals} proposals without agreement.");
    }

    /// <summary>Checks a protocol id can be sent: non-empty, no newline, at most <see cref="MaxProtocolLength"/> bytes.</summary>
    public static void ValidateProtocolId(string protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (protocol.Length == 0 || protocol.Contains('\n', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(protocol) > MaxProtocolLength)
        {
            throw new ArgumentException($"'{Shorten(protocol)}' is not a valid protocol id (1-{MaxProtocolLength} bytes, no newline).", nameof(protocol));
        }
    }

    /// <summary>Reads one message and returns it without the trailing newline.</summary>
    internal static async Task<string> ReadMessageAsync(Stream stream, CancellationToken cancellationToken)
    {
        var length = await ReadLengthAsync(stream, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            await stream.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            if (buffer[length - 1] != (byte)'\n')
            {
                throw new Libp2pProtocolException("A multistream message does not end with a newline.");
            }

            try
            {
                return StrictUtf8.GetString(buffer, 0, length - 1);
            }
            catch (DecoderFallbackException exception)
            {
                throw new Libp2pProtocolException("A multistream message is not valid UTF-8.", exception);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static async Task<int> ReadLengthAsync(Stream stream, CancellationToken cancellationToken)
    {
        // At most two varint bytes (js-libp2p's limit); read one byte at a time so nothing past the message is consumed.
        var bytes = new byte[2];
        for (var index = 0; index < 2; index++)
        {
            await stream.ReadExactlyAsync(bytes.AsMemory(index, 1), cancellationToken).ConfigureAwait(false);
            if ((bytes[index] & 0x80) == 0)
            {
                if (Varint.TryRead(bytes.AsSpan(0, index + 1), out var value, out _) != VarintStatus.Ok)
                {
                    throw new Libp2pProtocolException("A multistream length prefix is not a minimal varint.");
                }

                if (value is 0 or > MaxProtocolLength + 1)
                {
                    throw new Libp2pProtocolException($"A multistream message of {value} bytes is outside 1-{MaxProtocolLength + 1}.");
                }

                return (int)value;
            }
        }

        throw new Libp2pProtocolException("A multistream length prefix is longer than two bytes.");
    }

    private static async Task WriteMessagesAsync(Stream stream, IReadOnlyList<string> messages, CancellationToken cancellationToken)
    {
        var writer = new ArrayBufferWriter<byte>(64);
        foreach (var message in messages)
        {
            AppendMessage(writer, message);
        }

        await stream.WriteAsync(writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteListAsync(Stream stream, IReadOnlyList<string> protocols, CancellationToken cancellationToken)
    {
        // The ls answer is one message whose body is the varint-prefixed protocol lines followed by '\n'.
        var body = new ArrayBufferWriter<byte>(256);
        foreach (var protocol in protocols)
        {
            AppendMessage(body, protocol);
        }

        body.Write("\n"u8);
        var framed = new ArrayBufferWriter<byte>(body.WrittenCount + 4);
        var prefix = framed.GetSpan(Varint.MaxLength);
        framed.Advance(Varint.Write((ulong)body.WrittenCount, prefix));
        framed.Write(body.WrittenSpan);
        await stream.WriteAsync(framed.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AppendMessage(ArrayBufferWriter<byte> writer, string message)
    {
        ValidateProtocolId(message);
        var length = Encoding.UTF8.GetByteCount(message) + 1;
        var span = writer.GetSpan(length + Varint.MaxLength);
        var offset = Varint.Write((ulong)length, span);
        offset += Encoding.UTF8.GetBytes(message, span[offset..]);
        span[offset++] = (byte)'\n';
        writer.Advance(offset);
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..61] + "...";
}
