namespace DePinGpu.ProviderNode.Api;

/// <summary>The outcome of checking a signed log request: the signer, or why it is refused.</summary>
/// <param name="Signer">The recovered address (lower-case) when the signature is good.</param>
/// <param name="Problem">Why the request is refused; null when the signature is good.</param>
public sealed record LogRequestCheck(string? Signer, string? Problem)
{
    /// <summary>A good signature by <paramref name="signer"/>.</summary>
    public static LogRequestCheck Good(string signer) => new(signer, null);

    /// <summary>A refusal.</summary>
    public static LogRequestCheck Refused(string problem) => new(null, problem);
}
