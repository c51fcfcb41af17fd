using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// Decides, from the verified root block, what a CAR response will hold before any byte is sent: whether to walk the whole
/// DAG or send the root only (<c>dag-scope</c>), and whether the root's own size claims already exceed the limit
/// (UnixFS Tsizes are unverified hints, so the streaming limit still applies).
/// </summary>
internal static class CarPlan
{
    /// <summary>Null with <paramref name="wholeDag"/> set when the CAR can be served, else the problem to answer.</summary>
    public static GatewayProblem? Decide(Cid root, ReadOnlyMemory<byte> rootData, DagScope scope, GatewayOptions options, out bool wholeDag)
    {
        wholeDag = false;
        if (scope == DagScope.Block || root.Codec == MulticodecCode.Raw)
        {
            return null;
        }

        if (!DagLinks.IsTraversable(root.Codec))
        {
            return new GatewayProblem(StatusCodes.Status400BadRequest,
                $"CID {root} has codec 0x{root.Codec:x}, which this gateway cannot traverse; request dag-scope=block or format=raw.");
        }

        DagPb.PbNode node;
        try
        {
            node = DagLinks.DecodeNode(root, rootData);
        }
        catch (FormatException exception)
        {
            return new GatewayProblem(StatusCodes.Status500InternalServerError, exception.Message);
        }

        if (scope == DagScope.Entity)
        {
            switch (UnixFsTypeOf(node))
            {
                case UnixFsType.File or UnixFsType.Raw:
                    break;
                case UnixFsType.HamtShard:
                    return new GatewayProblem(StatusCodes.Status501NotImplemented,
                        "dag-scope=entity of a sharded (HAMT) directory is not supported by this gateway; use dag-scope=all or block.");
                default:
                    // A directory's entity is its own node; non-UnixFS dag-pb is treated like a block (spec: entity = block).
                    return null;
            }
        }

        var declared = (ulong)rootData.Length;
        foreach (var link in node.Links)
        {
            declared += link.Tsize ?? 0;
        }

        if (declared > (ulong)options.MaxCarBytes)
        {
            return new GatewayProblem(StatusCodes.Status413RequestEntityTooLarge,
                $"The DAG under {root} declares {declared} bytes; this gateway serves CARs of at most {options.MaxCarBytes} bytes. " +
                "Fetch it block by block with format=raw.");
        }

        wholeDag = true;
        return null;
    }

    private static UnixFsType? UnixFsTypeOf(DagPb.PbNode node)
    {
        if (node.Data is not { } data)
        {
            return null;
        }

        try
        {
            return UnixFsDataCodec.Decode(data).Type;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
