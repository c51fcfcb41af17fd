namespace DePinGpu.Ipfs.RemotePinning;

/// <summary>A pinning service endpoint, its access token and the client's limits and polling schedule.</summary>
public sealed class PinningServiceOptions
{
    /// <summary>The API base, e.g. <c>https://api.pinata.cloud/psa/</c> (requests go to <c>{Endpoint}pins</c>).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The bearer token sent on every request. Never logged.</summary>
    public string AccessToken { get; set; } = string.Empty;

    /// <summary>Time allowed for one request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest answer read, in bytes.</summary>
    public int MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>First pause between two status polls.</summary>
    public TimeSpan InitialPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest pause between two status polls.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Factor the pause grows by after each poll.</summary>
    public double PollBackoffFactor { get; set; } = 2.0;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting (the token's value is never shown).</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("Endpoint must be an absolute https:// (or http:// for local tests) address.");
        }

        if (string.IsNullOrWhiteSpace(AccessToken) || AccessToken.Length > 8192 || AccessToken.Any(character => char.IsControl(character) || character == ' '))
        {
            errors.Add("AccessToken must be a non-empty token of at most 8192 characters without spaces or control characters.");
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"RequestTimeout {RequestTimeout} must be positive and at most 10 minutes.");
        }

        if (MaxResponseBytes is < 1024 or > 256 * 1024 * 1024)
        {
            errors.Add($"MaxResponseBytes {MaxResponseBytes} must be between 1 KiB and 256 MiB.");
        }

        if (InitialPollInterval <= TimeSpan.Zero || MaxPollInterval < InitialPollInterval || MaxPollInterval > TimeSpan.FromHours(1) || PollBackoffFactor is < 1.0 or > 10.0)
        {
            errors.Add("Polling needs 0 < InitialPollInterval <= MaxPollInterval <= 1 hour and PollBackoffFactor between 1 and 10.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid pinning service options: " + string.Join(" ", errors));
        }
    }
}
