using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Validation;

namespace DePinGpu.ProviderNode.Api;

/// <summary>The node's HTTP API (configuration section <c>Api</c>).</summary>
public sealed record ApiOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api";

    /// <summary>Where Kestrel listens (e.g. http://127.0.0.1:7070).</summary>
    public Uri Url { get; init; } = new("http://127.0.0.1:7070");

    /// <summary>Largest accepted upload (a spec or a small input), in bytes.</summary>
    public int MaxUploadBytes { get; init; } = 64 * 1024;

    /// <summary>Longest a signed log request may be valid for (its expiry may be at most this far ahead).</summary>
    public TimeSpan MaxSignatureLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Url is null || !Url.IsAbsoluteUri || Url.Scheme != Uri.UriSchemeHttp)
        {
            problems.Add($"Url '{Url}' must be an absolute http:// URL (put TLS in front with a reverse proxy).");
        }

        if (MaxUploadBytes is < 1024 or > 1024 * 1024)
        {
            problems.Add($"MaxUploadBytes {MaxUploadBytes} must be between 1 KiB and 1 MiB (one block).");
        }

        if (MaxSignatureLifetime < TimeSpan.FromSeconds(1) || MaxSignatureLifetime > TimeSpan.FromDays(1))
        {
            problems.Add($"MaxSignatureLifetime {MaxSignatureLifetime} must be between a second and a day.");
        }

        return problems;
    }
}
