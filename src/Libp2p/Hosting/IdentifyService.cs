using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.PeerRecords;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>
/// identify (<c>/ipfs/id/1.0.0</c>): the peer that opens the stream receives one length-prefixed
/// <see cref="IdentifyMessage"/>, then FIN. Push (<c>/ipfs/id/push/1.0.0</c>) sends the same message unasked
/// when this host's protocols change.
/// </summary>
internal sealed class IdentifyService(Libp2pHost host, ILogger logger)
{
    private readonly LocalPeerRecord _record = new(host.Identity);

    public const string ProtocolId = "/ipfs/id/1.0.0";

    public const string PushProtocolId = "/ipfs/id/push/1.0.0";

    /// <summary>Most bytes read from one identify stream (a few messages; js merges up to 10).</summary>
    private const int MaxStreamBytes = 2 * IdentifyMessage.MaxLength;

    /// <summary>Answers an identify request with this host's information.</summary>
    public async Task HandleIdentifyAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        await WriteMessageAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies a pushed identify message.</summary>
    public async Task HandlePushAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        var message = await ReadMessagesAsync(stream, cancellationToken).ConfigureAwait(false);
        Apply(stream.Connection, message);
    }

    /// <summary>Asks the remote of a new connection who it is and records the answer.</summary>
    public async Task IdentifyAsync(Libp2pConnection connection, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(host.Options.IdentifyTimeout);
        try
        {
            await using var stream = await connection.OpenStreamAsync([ProtocolId], timeout.Token).ConfigureAwait(false);
            await stream.CloseWriteAsync(timeout.Token).ConfigureAwait(false);
            var message = await ReadMessagesAsync(stream, timeout.Token).ConfigureAwait(false);
            Apply(connection, message);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or FormatException or InvalidOperationException)
        {
            // A peer without identify (or one that closed) still works; the failure is logged and the peer stays unidentified.
            HostLog.IdentifyFailed(logger, connection.RemotePeer.ToString(), exception.Message);
        }
    }

    /// <summary>Pushes this host's current information to the remote of <paramref name="connection"/>.</summary>
    public async Task PushAsync(Libp2pConnection connection, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(host.Options.IdentifyTimeout);
        try
        {
            await using var stream = await connection.OpenStreamAsync([PushProtocolId], timeout.Token).ConfigureAwait(false);
            await WriteMessageAsync(stream, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or InvalidOperationException)
        {
            // Push is optional (the peer may not support it): log and carry on.
            HostLog.IdentifyFailed(logger, connection.RemotePeer.ToString(), $"push: {exception.Message}");
        }
    }

    internal IdentifyMessage BuildMessage(Libp2pConnection connection)
    {
        var addresses = host.AdvertisedAddresses;
        return new()
        {
            ProtocolVersion = host.Options.ProtocolVersion,
            AgentVersion = host.Options.AgentVersion,
            PublicKey = host.Identity.PublicKey.ToProtobuf(),
            ListenAddresses = addresses,
            ObservedAddress = connection.RemoteAddress,
            Protocols = host.Protocols,
            SignedPeerRecord = _record.For(addresses),
        };
    }

    private async Task WriteMessageAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        var body = BuildMessage(stream.Connection).Encode();
        var framed = new byte[Varint.SizeOf((ulong)body.Length) + body.Length];
        var offset = Varint.Write((ulong)body.Length, framed);
        body.CopyTo(framed, offset);
        await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
        await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads length-prefixed messages until end-of-stream and merges them (later fields win).</summary>
    private static async Task<IdentifyMessage> ReadMessagesAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxStreamBytes + 1];
        var length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
            if (length > MaxStreamBytes)
            {
                throw new FormatException($"The identify stream carried more than {MaxStreamBytes} bytes.");
            }
        }

        IdentifyMessage? merged = null;
        var offset = 0;
        while (offset < length)
        {
            var size = Varint.ReadLength(buffer.AsSpan(offset, length - offset), IdentifyMessage.MaxLength, out var prefix);
            if (length - offset - prefix < size)
            {
                throw new FormatException("The identify stream ended inside a message.");
            }

            var message = IdentifyMessage.Decode(buffer.AsSpan(offset + prefix, size));
            merged = merged is null ? message : Merge(merged, message);
            offset += prefix + size;
        }

        return merged ?? throw new FormatException("The identify stream ended without a message.");
    }

    private static IdentifyMessage Merge(IdentifyMessage earlier, IdentifyMessage later) => new()
    {
        ProtocolVersion = later.ProtocolVersion ?? earlier.ProtocolVersion,
        AgentVersion = later.AgentVersion ?? earlier.AgentVersion,
        PublicKey = later.PublicKey ?? earlier.PublicKey,
        ListenAddresses = later.ListenAddresses.Count > 0 ? later.ListenAddresses : earlier.ListenAddresses,
        ObservedAddress = later.ObservedAddress ?? earlier.ObservedAddress,
        Protocols = later.Protocols.Count > 0 ? later.Protocols : earlier.Protocols,
        SignedPeerRecord = later.SignedPeerRecord ?? earlier.SignedPeerRecord,
    };

    private void Apply(Libp2pConnection connection, IdentifyMessage message)
    {
        var key = connection.RemotePublicKey;
        if (message.PublicKey is not null)
        {
            var announced = PublicKey.FromProtobuf(message.PublicKey);
            if (!announced.Equals(connection.RemotePublicKey))
            {
                throw new FormatException($"The identify message's public key does not belong to {connection.RemotePeer}.");
            }

            key = announced;
        }

        var info = host.PeerStore.ApplyIdentify(connection.RemotePeer, key, message, VerifiedRecord(connection, message));
        host.RaisePeerIdentified(info);
    }

    /// <summary>The message's signed peer record if it verifies and is the remote's own; otherwise null (logged).</summary>
    private SignedPeerRecord? VerifiedRecord(Libp2pConnection connection, IdentifyMessage message)
    {
        if (message.SignedPeerRecord is null)
        {
            return null;
        }

        if (!SignedPeerRecord.TryParse(message.SignedPeerRecord, out var record, out var error))
        {
            HostLog.PeerRecordRejected(logger, connection.RemotePeer.ToString(), error!);
            return null;
        }

        if (record!.PeerId != connection.RemotePeer)
        {
            HostLog.PeerRecordRejected(logger, connection.RemotePeer.ToString(), $"the record is signed by {record.PeerId}");
            return null;
        }

        return record;
    }
}
