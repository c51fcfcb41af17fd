namespace DePinGpu.ProviderNode.Pricing;

/// <summary>
/// Settings of pricing (configuration section <c>Pricing</c>): a price per GPU-second per GPU model, or an external
/// pricing script that decides for each order.
/// </summary>
public sealed record PricingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Pricing";

    /// <summary>Price per GPU-second by GPU model, in token base units (decimal integers, as text: they can exceed 64 bits).</summary>
    public IReadOnlyDictionary<string, string> PerGpuSecond { get; init; } = new Dictionary<string, string>();

    /// <summary>Price per GPU-second for models not listed; null: such orders get no offer.</summary>
    public string? DefaultPerGpuSecond { get; init; }

    /// <summary>An executable that reads the order as JSON on stdin and prints a price; when set it decides alone.</summary>
    public string? Script { get; init; }

    /// <summary>How long the script may take before it is killed (and the order gets no offer).</summary>
    public TimeSpan ScriptTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
