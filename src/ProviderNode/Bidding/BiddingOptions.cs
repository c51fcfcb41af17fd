using DePinGpu.Protocol.JobSpecs;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Validation;

namespace DePinGpu.ProviderNode.Bidding;

/// <summary>Whether and what this node bids on (configuration section <c>Bidding</c>); prices come from <c>Pricing</c>, GPUs from <c>Inventory</c>.</summary>
public sealed record BiddingOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Bidding";

    /// <summary>False: the node places no offers (drain, or a node that only runs leases it already has).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Moved to <c>Pricing:DefaultPerGpuSecond</c> (or <c>Pricing:PerGpuSecond</c> per model); set here it is an error saying so.</summary>
    public string? PricePerGpuSecond { get; init; }

    /// <summary>Moved to <c>Inventory:Declared</c> (or nvidia-smi); set here it is an error saying so.</summary>
    public string? GpuModel { get; init; }

    /// <summary>Moved to <c>Inventory:Declared</c> (or nvidia-smi); set here it is an error saying so.</summary>
    public int? GpuCount { get; init; }

    /// <summary>Moved to <c>Inventory:Declared</c> (or nvidia-smi); set here it is an error saying so.</summary>
    public int? VramGb { get; init; }

    /// <summary>
    /// Runtimes this node runs: <c>docker</c>, and <c>process</c> only when enabled explicitly. Empty means docker
    /// alone (no default list here: the configuration binder appends to a list, it would never replace it).
    /// </summary>
    public IReadOnlyList<string> AllowedRuntimes { get; init; } = [];

    /// <summary>How long to wait for the tenant's spec upload (or a Bitswap fetch) before passing on an order.</summary>
    public TimeSpan SpecWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The parsed runtimes (valid options only).</summary>
    public IReadOnlySet<WorkloadRuntimeKind> Runtimes => AllowedRuntimes.Count == 0
        ? new HashSet<WorkloadRuntimeKind> { WorkloadRuntimeKind.Docker }
        : AllowedRuntimes.Select(name => Enum.Parse<WorkloadRuntimeKind>(name, ignoreCase: true)).ToHashSet();

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (PricePerGpuSecond is not null)
        {
            problems.Add("PricePerGpuSecond has moved: set Pricing:DefaultPerGpuSecond (or Pricing:PerGpuSecond for a model, or Pricing:Script).");
        }

        if (GpuModel is not null || GpuCount is not null || VramGb is not null)
        {
            problems.Add("GpuModel, GpuCount and VramGb have moved: the node offers what its inventory finds (nvidia-smi) or what Inventory:Declared lists.");
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
