namespace DePinGpu.Ipfs.Kubo;

/// <summary>Where the Kubo RPC API is and the limits applied to its answers. Never point it at a public address: the RPC API is admin access.</summary>
public sealed class KuboRpcOptions
{
    /// <summary>The RPC API base address (Kubo's <c>Addresses.API</c>), e.g. <c>http://127.0.0.1:5001/</c>.</summary>
    public Uri ApiAddress { get; set; } = new("http://127.0.0.1:5001/");

    /// <summary>Time allowed for a non-streaming command (pin, version, import result) to answer.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest JSON answer read, in bytes.</summary>
    public int MaxJsonBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Longest line of a streamed (NDJSON) answer, in bytes.</summary>
    public int MaxLineBytes { get; set; } = 1024 * 1024;

    /// <summary>Most lines (entries) read from one streamed answer (add, pin ls).</summary>
    public int MaxEntries { get; set; } = 1_000_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (ApiAddress is null || !ApiAddress.IsAbsoluteUri || (ApiAddress.Scheme != Uri.UriSchemeHttp && ApiAddress.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add("ApiAddress must be an absolute http:// or https:// address.");
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromHours(6))
        {
            errors.Add($"RequestTimeout {RequestTimeout} must be positive and at most 6 hours.");
        }

        if (MaxJsonBytes is < 1024 or > 256 * 1024 * 1024)
        {
            errors.Add($"MaxJsonBytes {MaxJsonBytes} must be between 1 KiB and 256 MiB.");
        }

        if (MaxLineBytes is < 256 or > 64 * 1024 * 1024)
        {
            errors.Add($"MaxLineBytes {MaxLineBytes} must be between 256 bytes and 64 MiB.");
        }

        if (MaxEntries < 1)
        {
            errors.Add($"MaxEntries {MaxEntries} must be positive.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Kubo RPC options: " + string.Join(" ", errors));
        }
    }
}
