using System.Net;
using System.Net.Http.Headers;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// Downloads the DAG under a root as one CAR from one gateway, storing a block only when it is verified and actually part of
/// the DAG: the CID must have been linked from a block already accepted (the root first). Anything else in the CAR is
/// discarded, as the spec requires of clients. Returns null when the CAR held the whole DAG, else the failure; whatever was
/// stored stays, and the caller completes the DAG block by block.
/// </summary>
internal sealed class GatewayCarFetcher
{
    private const string CarAccept = "application/vnd.ipld.car; version=1; order=dfs; dups=n";

    private readonly HttpClient _http;
    private readonly GatewayClientOptions _options;

    public GatewayCarFetcher(HttpClient http, GatewayClientOptions options)
    {
        _http = http;
        _options = options;
    }

    public async Task<GatewayFailure?> FetchAsync(Uri gateway, Cid root, IBlockStore store, GatewayFetchTally progress, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_options.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, $"ipfs/{root}?format=car&dag-scope=all"));
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(CarAccept));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
            if (ResponseFailure(gateway, root, response) is { } failure)
            {
                return failure;
            }

            await using var body = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            var reader = await CarReader.OpenAsync(body, new CarReaderOptions { MaxBlockSize = _options.MaxBlockSize }, idle.Token).ConfigureAwait(false);
            return await StoreWantedBlocksAsync(gateway, root, reader, store, progress, idle).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(gateway, root, GatewayFailureKind.Timeout, $"stalled for {_options.RequestTimeout} while sending the CAR of {root}");
        }
        catch (CorruptBlockException exception)
        {
            return Fail(gateway, root, GatewayFailureKind.Corrupt,
                $"sent bytes for block {exception.Cid} that do not hash to its CID (corrupt block) in the CAR of {root}");
        }
        catch (CarFormatException exception)
        {
            return Fail(gateway, root, GatewayFailureKind.BadResponse, $"sent a malformed CAR for {root}: {exception.Message}");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return Fail(gateway, root, GatewayFailureKind.Network, $"broke off the CAR of {root}: {exception.Message}");
        }
    }

    private async Task<GatewayFailure?> StoreWantedBlocksAsync(
        Uri gateway, Cid root, CarReader reader, IBlockStore store, GatewayFetchTally progress, CancellationTokenSource idle)
    {
        var wanted = new HashSet<Cid> { root.ToV1() };
        var known = new HashSet<Cid> { root.ToV1() };
        var unexpected = 0;
        while (await reader.ReadBlockAsync(idle.Token).ConfigureAwait(false) is { } block)
        {
            idle.CancelAfter(_options.RequestTimeout);
            if (!wanted.Remove(block.Cid.ToV1()))
            {
                if (++unexpected > _options.MaxUnexpectedCarBlocks)
                {
                    return Fail(gateway, root, GatewayFailureKind.BadResponse, $"sent more than {_options.MaxUnexpectedCarBlocks} blocks that are not part of the DAG of {root}");
                }

                continue;
            }

            if (await store.PutAsync(block, idle.Token).ConfigureAwait(false))
            {
                progress.AddFetched(block.Data.Length);
            }

            foreach (var link in DagLinks.Of(block.Cid, block.Data))
            {
                // Identity CIDs are never in a CAR; the block-by-block pass resolves them locally.
                if (link.Hash.Code != MulticodecCode.Identity && known.Add(link.ToV1()))
                {
                    if (known.Count > _options.MaxDagBlocks)
                    {
                        throw new InvalidDataException($"The DAG under {root} has more than {_options.MaxDagBlocks} blocks (MaxDagBlocks).");
                    }

                    wanted.Add(link.ToV1());
                }
            }
        }

        return wanted.Count == 0
            ? null
            : Fail(gateway, root, GatewayFailureKind.BadResponse, $"ended the CAR of {root} with {wanted.Count} blocks of the DAG missing");
    }

    private static GatewayFailure? ResponseFailure(Uri gateway, Cid root, HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var kind = response.StatusCode == HttpStatusCode.NotFound ? GatewayFailureKind.NotFound : GatewayFailureKind.HttpStatus;
            return Fail(gateway, root, kind, $"answered {(int)response.StatusCode} {response.ReasonPhrase} for the CAR of {root}");
        }

        var contentType = response.Content.Headers.ContentType;
        var version = contentType?.Parameters.FirstOrDefault(parameter => parameter.Name.Equals("version", StringComparison.OrdinalIgnoreCase))?.Value;
        if (!string.Equals(contentType?.MediaType, GatewayMediaTypes.Car, StringComparison.OrdinalIgnoreCase) || (version is not null && version.Trim('"') != "1"))
        {
            return Fail(gateway, root, GatewayFailureKind.BadResponse, $"answered the CAR request for {root} with Content-Type '{contentType}', not a CARv1");
        }

        return null;
    }

    private static GatewayFailure Fail(Uri gateway, Cid root, GatewayFailureKind kind, string what) =>
        GatewayBlockFetcher.Fail(gateway, root, kind, what);
}
