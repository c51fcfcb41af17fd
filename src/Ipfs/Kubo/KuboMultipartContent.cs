using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace DePinGpu.Ipfs.Kubo;

/// <summary>
/// The <c>multipart/form-data</c> body Kubo's <c>add</c> and <c>dag/import</c> read, written part by part straight to the
/// connection (chunked; nothing is buffered): each part is <c>Content-Disposition: form-data; name="file";
/// filename="&lt;url-escaped path&gt;"</c> with <c>application/x-directory</c> (no body) or <c>application/octet-stream</c>.
/// Checks that every entry's parent directory was sent before it.
/// </summary>
internal sealed class KuboMultipartContent : HttpContent
{
    private const int CopyBufferSize = 256 * 1024;
    private readonly IReadOnlyList<KuboAddPart> _parts;
    private readonly string _boundary = "depingpu-" + Guid.NewGuid().ToString("N");

    public KuboMultipartContent(IReadOnlyList<KuboAddPart> parts)
    {
        _parts = parts;
        CheckOrder(parts);
        var type = new MediaTypeHeaderValue("multipart/form-data");
        type.Parameters.Add(new NameValueHeaderValue("boundary", _boundary));
        Headers.ContentType = type;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var part in _parts)
        {
            var contentType = part.IsDirectory ? "application/x-directory" : "application/octet-stream";
            var head = $"--{_boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{Uri.EscapeDataString(part.Path)}\"\r\n" +
                $"Content-Type: {contentType}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken).ConfigureAwait(false);
            if (part.OpenContent is { } open)
            {
                var content = await open(cancellationToken).ConfigureAwait(false);
                await using (content.ConfigureAwait(false))
                {
                    await content.CopyToAsync(stream, CopyBufferSize, cancellationToken).ConfigureAwait(false);
                }
            }

            await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"--{_boundary}--\r\n"), cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private static void CheckOrder(IReadOnlyList<KuboAddPart> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("An add needs at least one part.", nameof(parts));
        }

        var directories = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (!seen.Add(part.Path))
            {
                throw new ArgumentException($"The add lists '{part.Path}' twice.", nameof(parts));
            }

            var slash = part.Path.LastIndexOf('/');
            if (slash > 0 && !directories.Contains(part.Path[..slash]))
            {
                throw new ArgumentException($"'{part.Path}' comes before (or without) its directory '{part.Path[..slash]}'; send directories first.", nameof(parts));
            }

            if (part.IsDirectory)
            {
                directories.Add(part.Path);
            }
        }
    }
}
