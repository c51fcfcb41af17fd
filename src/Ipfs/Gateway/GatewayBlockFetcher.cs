using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// One <c>GET /ipfs/{cid}?format=raw</c> to one gateway: the body is read up to the block size limit and must hash to the
/// CID. Every way it can go wrong becomes a <see cref="GatewayFailure"/> naming the gateway and the CID; only the caller's
/// own cancellation throws.
/// </summary>
internal sealed class GatewayBlockFetcher
{
    private readonly HttpClient _http;
    private readonly GatewayClientOptions _options;

    public GatewayBlockFetcher(HttpClient http, GatewayClientOptions options)
    {
        _http = http;
        _options = options;
    }

    public async Task<(Block? Block, GatewayFailure? Failure)> FetchAsync(Uri gateway, Cid cid, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, $"ipfs/{cid}?format=raw"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GatewayMediaTypes.Raw));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (StatusFailure(gateway, cid, response) is { } failure)
            {
                return (null, failure);
            }

            var data = await ReadBoundedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (data is null)
            {
                return (null, Fail(gateway, cid, GatewayFailureKind.TooLarge, $"sent more than {_options.MaxBlockSize} bytes for block {cid}"));
            }

            return Block.TryVerify(cid, data, out var block)
                ? (block, null)
                : (null, Fail(gateway, cid, GatewayFailureKind.Corrupt, $"sent {data.Length} bytes for block {cid} that do not hash to its CID (corrupt block)"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, Fail(gateway, cid, GatewayFailureKind.Timeout, $"did not deliver block {cid} within {_options.RequestTimeout}"));
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return (null, Fail(gateway, cid, GatewayFailureKind.Network, $"failed while sending block {cid}: {exception.Message}"));
        }
    }

    internal static GatewayFailure Fail(Uri gateway, Cid cid, GatewayFailureKind kind, string what) =>
        new(gateway, cid, kind, $"Gateway {gateway} {what}.");

    private static GatewayFailure? StatusFailure(Uri gateway, Cid cid, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return null;
        }

        var kind = response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.UnavailableForLegalReasons
            ? GatewayFailureKind.NotFound
            : GatewayFailureKind.HttpStatus;
        return Fail(gateway, cid, kind, $"answered {(int)response.StatusCode} {response.ReasonPhrase} for block {cid}");
    }

    /// <summary>The body, or null when it is longer than the block size limit (read no further than limit + 1 bytes).</summary>
    private async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var limit = _options.MaxBlockSize;
        if (content.Headers.ContentLength > limit)
        {
            return null;
        }

        await using var body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            var length = await body.ReadAtLeastAsync(buffer.AsMemory(0, limit + 1), limit + 1, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false);
            return length > limit ? null : buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
