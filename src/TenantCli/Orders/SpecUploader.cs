using System.Net.Http.Headers;
using System.Text.Json;
using DePinGpu.TenantCli.Output;
using DePinGpu.TenantCli.Views;

namespace DePinGpu.TenantCli.Orders;

/// <summary>
/// Uploads a spec and its imported inputs to provider nodes (<c>POST /uploads</c>, docs/node-api.md) so the providers who win can fetch it.
/// A node accepts it only once the order naming its CID is open on-chain, so this runs after the order is placed.
/// </summary>
internal static class SpecUploader
{
    /// <summary>Uploads to every node; one line per node (accepted, or what it answered).</summary>
    public static Task<IReadOnlyList<UploadView>> UploadAsync(SpecFile spec, IReadOnlyList<Uri> nodes, CancellationToken cancellationToken) =>
        UploadAsync(spec, nodes, null, cancellationToken);

    /// <summary>Uploads to every node, reporting each node's bytes to its bar in <paramref name="progress"/> (keyed by the node's URL).</summary>
    public static async Task<IReadOnlyList<UploadView>> UploadAsync(SpecFile spec, IReadOnlyList<Uri> nodes, TransferProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(nodes);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var results = new List<UploadView>();
        foreach (var node in nodes)
        {
            results.Add(await UploadOneAsync(http, spec, node, progress, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>
    /// Uploads to every node, and again to those that refused with 403 (the order is not open there yet: a node sees a
    /// new order one event poll after it is mined), with 429 (its upload rate limit) or could not be reached, once a second until each accepts or
    /// <paramref name="window"/> has passed; other refusals (too large, an invalid spec) are final. One line per node, its last answer.
    /// </summary>
    public static Task<IReadOnlyList<UploadView>> UploadUntilAcceptedAsync(SpecFile spec, IReadOnlyList<Uri> nodes, TimeSpan window, CancellationToken cancellationToken) =>
        UploadUntilAcceptedAsync(spec, nodes, window, null, cancellationToken);

    /// <summary>As <see cref="UploadUntilAcceptedAsync(SpecFile, IReadOnlyList{Uri}, TimeSpan, CancellationToken)"/>, with a bar per node in <paramref name="progress"/>.</summary>
    public static async Task<IReadOnlyList<UploadView>> UploadUntilAcceptedAsync(SpecFile spec, IReadOnlyList<Uri> nodes, TimeSpan window, TransferProgress? progress, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + window;
        var answers = (await UploadAsync(spec, nodes, progress, cancellationToken).ConfigureAwait(false)).ToDictionary(upload => upload.Node);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var retry = nodes.Where(node => answers[node.ToString()] is { } last && (last.Status == "unreachable" || last.Detail.Contains("403:", StringComparison.Ordinal) || last.Detail.Contains("429:", StringComparison.Ordinal))).ToArray();
            if (retry.Length == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            foreach (var upload in await UploadAsync(spec, retry, progress, cancellationToken).ConfigureAwait(false))
            {
                answers[upload.Node] = upload;
            }
        }

        return [.. nodes.Select(node => answers[node.ToString()])];
    }

    /// <summary>The spec, then each imported input (a node takes an input only once it holds the spec naming it); the first refusal ends the node's turn.</summary>
    private static async Task<UploadView> UploadOneAsync(HttpClient http, SpecFile spec, Uri node, TransferProgress? progress, CancellationToken cancellationToken)
    {
        var key = node.ToString();
        var sent = 0L;
        progress?.Report(key, 0);
        foreach (var (what, bytes) in spec.Uploads)
        {
            var answer = await UploadBytesAsync(http, bytes, node, cancellationToken).ConfigureAwait(false);
            if (answer.Status != "accepted")
            {
                answer = what == "spec" ? answer : answer with { Detail = $"{what}: {answer.Detail}" };
                progress?.Describe(key, $"{node} {answer.Status}: {answer.Detail}");
                return answer;
            }

            sent += bytes.Length;
            progress?.Report(key, sent);
        }

        progress?.Describe(key, $"{node} accepted");
        progress?.Complete(key);
        return new UploadView(key, "accepted", spec.Inputs.Count == 0 ? string.Empty : $"spec and {spec.Inputs.Count} input(s)");
    }

    private static async Task<UploadView> UploadBytesAsync(HttpClient http, byte[] bytes, Uri node, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        try
        {
            using var response = await http.PostAsync(new Uri(node, "uploads"), content, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return new UploadView(node.ToString(), "accepted", string.Empty);
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new UploadView(node.ToString(), "refused", $"{(int)response.StatusCode}: {ProblemDetail(body)}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new UploadView(node.ToString(), "unreachable", exception.Message);
        }
    }

    /// <summary>The RFC 7807 detail sentence, or the start of the body.</summary>
    private static string ProblemDetail(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
            {
                return detail.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not a problem document: show the text itself.
        }

        return body.Length > 200 ? body[..200] : body;
    }
}
