using System.Diagnostics.Metrics;
using DePinGpu.Ipfs.Bitswap.Messages;

namespace DePinGpu.Ipfs.Bitswap.Network;

/// <summary>
/// Bitswap's instruments on the meter <c>DePinGpu.Ipfs.Bitswap</c>: messages, blocks and block bytes sent and received
/// (received counts duplicates too: what arrived, not what was new). Names are stable; see docs/architecture.md.
/// </summary>
public sealed class BitswapMetrics : IDisposable
{
    /// <summary>The meter name to export.</summary>
    public const string MeterName = "DePinGpu.Ipfs.Bitswap";

    /// <summary>The meter tag carrying the node's peer id.</summary>
    public const string PeerIdTag = "libp2p.peer_id";

    private readonly Meter _meter;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _blocks;
    private readonly Counter<long> _bytes;

    internal BitswapMetrics(string localPeer)
    {
        _meter = new Meter(MeterName, version: null, tags: [new KeyValuePair<string, object?>(PeerIdTag, localPeer)]);
        _messages = _meter.CreateCounter<long>("bitswap.messages", "{message}", "Bitswap messages, by direction (sent, received).");
        _blocks = _meter.CreateCounter<long>("bitswap.blocks", "{block}", "Blocks carried in Bitswap messages, by direction.");
        _bytes = _meter.CreateCounter<long>("bitswap.block_bytes", "By", "Block data bytes carried in Bitswap messages, by direction.");
    }

    /// <summary>Ends the meter.</summary>
    public void Dispose() => _meter.Dispose();

    internal void Sent(EncodedMessage message) => Count("sent", message.BlockCount, message.BlockBytes);

    internal void Received(BitswapMessage message) =>
        Count("received", message.Blocks.Count, message.Blocks.Sum(block => (long)block.Data.Length));

    private void Count(string direction, int blocks, long bytes)
    {
        var tag = new KeyValuePair<string, object?>("direction", direction);
        _messages.Add(1, tag);
        if (blocks > 0)
        {
            _blocks.Add(blocks, tag);
            _bytes.Add(bytes, tag);
        }
    }
}
