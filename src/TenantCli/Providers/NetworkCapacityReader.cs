using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace DePinGpu.TenantCli.Providers;

/// <summary>
/// Asks the configured nodes what they have heard on the <c>capacity</c> gossip (<c>GET /network/capacity</c>; the CLI
/// is not a gossip peer) and keeps, per provider, the newest report. A node's answer is untrusted input: bounded in
/// size and entries, each entry checked, bad entries and unreachable nodes skipped and counted.
/// </summary>
internal sealed class NetworkCapacityReader : IDisposable
{
    /// <summary>The largest answer read from one node.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    /// <summary>The most entries read from one node.</summary>
    public const int MaxEntries = 4096;

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5), MaxResponseContentBufferSize = MaxResponseBytes };

    /// <summary>Nodes that could not be asked, each with why.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>The newest report of each provider (key: lower-case address) across <paramref name="nodes"/>.</summary>
    public async Task<IReadOnlyDictionary<string, CapacityReport>> ReadAsync(IReadOnlyList<Uri> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var newest = new Dictionary<string, CapacityReport>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in nodes)
        {
            foreach (var report in await AskAsync(node, cancellationToken).ConfigureAwait(false))
            {
                if (!newest.TryGetValue(report.Provider, out var known) || known.SeenAt < report.SeenAt)
                {
                    newest[report.Provider] = report;
                }
            }
        }

        return newest;
    }

    /// <summary>The reports in one node's answer (a JSON document <c>{"capacity":[…]}</c>); invalid entries are dropped.</summary>
    public static IReadOnlyList<CapacityReport> Parse(ReadOnlySpan<byte> answer, Uri node, out int invalid)
    {
        invalid = 0;
        var reports = new List<CapacityReport>();
        var reader = new Utf8JsonReader(answer, new JsonReaderOptions { MaxDepth = 4 });
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("capacity", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("the answer is not {\"capacity\": [...]}");
        }

        foreach (var entry in list.EnumerateArray().Take(MaxEntries))
        {
            if (Entry(entry, node) is { } report)
            {
                reports.Add(report);
            }
            else
            {
                invalid++;
            }
        }

        return reports;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<IReadOnlyList<CapacityReport>> AskAsync(Uri node, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(node, "network/capacity"), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                Problems.Add($"{node} answered {(int)response.StatusCode} to GET /network/capacity");
                return [];
            }

            var reports = Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), node, out var invalid);
            if (invalid > 0)
            {
                Problems.Add($"{node} listed {invalid} invalid capacity entr{(invalid == 1 ? "y" : "ies")}, ignored");
            }

            return reports;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            Problems.Add($"{node}: {exception.Message}");
            return [];
        }
    }

    private static CapacityReport? Entry(JsonElement entry, Uri node)
    {
        if (entry.ValueKind != JsonValueKind.Object
            || Text(entry, "provider") is not { Length: 42 } provider || !provider.StartsWith("0x", StringComparison.Ordinal) || !provider[2..].All(char.IsAsciiHexDigit)
            || Text(entry, "gpuModel") is not { Length: > 0 and <= 64 } model
            || !Count(entry, "gpuCount", out var count) || !Count(entry, "freeGpus", out var free) || free > count
            || Text(entry, "pricePerGpuSecondWei") is not { Length: > 0 and <= 78 } priceText || !priceText.All(char.IsAsciiDigit)
            || Text(entry, "seenAt") is not { } seenText || !DateTimeOffset.TryParse(seenText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var seenAt))
        {
            return null;
        }

        return new CapacityReport(provider.ToLowerInvariant(), model, count, free, BigInteger.Parse(priceText, CultureInfo.InvariantCulture), seenAt, node);
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Count(JsonElement entry, string name, out uint count)
    {
        count = 0;
        return entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetUInt32(out count) && count <= 1024;
    }
}
