using System.Text;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// Cuts a server-sent-event stream (the WHATWG "event stream" format, lines ending in LF or CRLF) into complete blocks,
/// so that the gateway relays only whole events and knows the id of the last one a client received. Bytes of an
/// unfinished block stay buffered (at most <see cref="MaxBlockBytes"/>).
/// </summary>
internal sealed class ServerSentEventReader
{
    /// <summary>The largest block the reader buffers; a longer one is a malformed stream.</summary>
    public const int MaxBlockBytes = 1 << 20;

    private readonly List<byte> _pending = [];
    private int _lineStart;
    private string? _id;
    private bool _hasData;

    /// <summary>True while part of a block is buffered (a stream that ends now ends mid-event).</summary>
    public bool HasPartialBlock => _pending.Count > 0;

    /// <summary>Drops the unfinished block (its replica died; the continuation starts with whole events).</summary>
    public void DiscardPartialBlock()
    {
        _pending.Clear();
        _id = null;
        _hasData = false;
        _lineStart = 0;
    }

    /// <summary>Adds received bytes; returns the blocks they complete, in order.</summary>
    public IReadOnlyList<ServerSentEventBlock> Feed(ReadOnlySpan<byte> bytes)
    {
        var blocks = new List<ServerSentEventBlock>();
        foreach (var value in bytes)
        {
            _pending.Add(value);
            if (value == (byte)'\n')
            {
                EndLine(blocks);
            }
        }

        if (_pending.Count > MaxBlockBytes)
        {
            throw new InvalidDataException($"A server-sent event is longer than {MaxBlockBytes} bytes.");
        }

        return blocks;
    }

    private void EndLine(List<ServerSentEventBlock> blocks)
    {
        var end = _pending.Count - 1;
        if (end > _lineStart && _pending[end - 1] == (byte)'\r')
        {
            end--;
        }

        if (end == _lineStart)
        {
            blocks.Add(new ServerSentEventBlock([.. _pending], _id, _hasData));
            _pending.Clear();
            _id = null;
            _hasData = false;
            _lineStart = 0;
            return;
        }

        var line = Encoding.UTF8.GetString(_pending.GetRange(_lineStart, end - _lineStart).ToArray());
        _lineStart = _pending.Count;
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? string.Empty : line[(colon + 1)..];
        if (value.StartsWith(' '))
        {
            value = value[1..];
        }

        if (field == "id")
        {
            _id = value;
        }
        else if (field == "data")
        {
            _hasData = true;
        }
    }
}
