using System.Globalization;
using System.Numerics;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Validation;

namespace DePinGpu.ProviderNode.Bidding;

/// <summary>What this node offers and at which price (configuration section <c>Bidding</c>).</summary>
public sealed record BiddingOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Bidding";

    /// <summary>False: the node places no offers (drain, or a node that only runs leases it already has).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Price per GPU and second, in token wei, as a decimal integer.</summary>
    public string PricePerGpuSecond { get; init; } = "0";

    /// <summary>The GPU model the node has (matched against an order's model; empty orders accept any).</summary>
    public string GpuModel { get; init; } = string.Empty;

    /// <summary>GPUs the node rents out.</summary>
    public int GpuCount { get; init; }

    /// <summary>VRAM per GPU in GB.</summary>
    public int VramGb { get; init; }

    /// <summary>
    /// Runtimes this node runs: <c>docker</c>, and <c>process</c> only when enabled explicitly. Empty means docker
    /// alone (no default list here: the configuration binder appends to a list, it would never replace it).
    /// </summary>
    public IReadOnlyList<string> AllowedRuntimes { get; init; } = [];

    /// <summary>How long to wait for the tenant's spec upload (or a Bitswap fetch) before passing on an order.</summary>
    public TimeSpan SpecWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The parsed price.</summary>
    public BigInteger Price => BigInteger.Parse(PricePerGpuSecond, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The parsed runtimes (valid options only).</summary>
    public IReadOnlySet<WorkloadRuntimeKind> Runtimes => AllowedRuntimes.Count == 0
        ? new HashSet<WorkloadRuntimeKind> { WorkloadRuntimeKind.Docker }
        : AllowedRuntimes.Select(name => Enum.Parse<WorkloadRuntimeKind>(name, ignoreCase: true)).ToHashSet();

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!BigInteger.TryParse(PricePerGpuSecond, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            problems.Add($"PricePerGpuSecond '{PricePerGpuSecond}' must be a whole number of token wei.");
        }

        if (GpuCount is < 0 or > 1024)
        {
            problems.Add($"GpuCount {GpuCount} must be between 0 and 1024.");
        }

        if (VramGb is < 0 or > 100_000)
        {
            problems.Add($"VramGb {VramGb} must be between 0 and 100000.");
        }

        foreach (var runtime in AllowedRuntimes)
        {
            if (!Enum.TryParse<WorkloadRuntimeKind>(runtime, ignoreCase: true, out _) || int.TryParse(runtime, out _))
            {
                problems.Add($"AllowedRuntimes contains the unknown runtime '{runtime}'; use docker or process.");
            }
        }

        if (SpecWait < TimeSpan.Zero || SpecWait > TimeSpan.FromMinutes(10))
        {
            problems.Add($"SpecWait {SpecWait} must be between 0 and 10 minutes.");
        }

        return problems;
    }
}
