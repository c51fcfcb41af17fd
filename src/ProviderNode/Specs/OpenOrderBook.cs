using System.Collections.Concurrent;
using System.Numerics;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.Specs;

/// <summary>
/// The CIDs the node accepts uploads for: the spec CID of every open order, and the input CIDs of a spec once that
/// spec was accepted. Fed by the chain's order events; an order that ends takes its CIDs with it.
/// </summary>
public sealed class OpenOrderBook
{
    private readonly ConcurrentDictionary<BigInteger, OrderCids> _orders = new();

    /// <summary>Records an open order with its spec CID.</summary>
    public void Open(BigInteger orderId, Cid specCid) => _orders.TryAdd(orderId, new OrderCids(specCid, []));

    /// <summary>Adds the input CIDs of an order's accepted spec.</summary>
    public void AddInputs(Cid specCid, IReadOnlyCollection<Cid> inputs)
    {
        foreach (var (orderId, cids) in _orders)
        {
            if (cids.Spec == specCid)
            {
                _orders.TryUpdate(orderId, cids with { Inputs = [.. cids.Inputs, .. inputs] }, cids);
            }
        }
    }

    /// <summary>Forgets an order.</summary>
    public void End(BigInteger orderId) => _orders.TryRemove(orderId, out _);

    /// <summary>What an upload of <paramref name="cid"/> would be: a spec, an input, or refused.</summary>
    public UploadKind Classify(Cid cid)
    {
        var values = _orders.Values;
        if (values.Any(order => order.Spec == cid))
        {
            return UploadKind.Spec;
        }

        return values.Any(order => order.Inputs.Contains(cid)) ? UploadKind.Input : UploadKind.Refused;
    }

    private sealed record OrderCids(Cid Spec, IReadOnlyList<Cid> Inputs);
}
