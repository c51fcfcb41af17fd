using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Validation;

namespace DePinGpu.ProviderNode.Configuration;

/// <summary>Where the node keeps its state and its operator key (configuration section <c>Node</c>).</summary>
public sealed record NodeOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Node";

    /// <summary>The data directory: leases.db, the block store, the workloads' folders.</summary>
    public string DataDirectory { get; init; } = string.Empty;

    /// <summary>Path of the operator's keystore (v3) file.</summary>
    public string OperatorKeystore { get; init; } = string.Empty;

    /// <summary>Path of a file holding the keystore's password (the environment variable DEPIN_OPERATOR_PASSWORD also works).</summary>
    public string? PasswordFile { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            problems.Add("DataDirectory must name the node's data directory (e.g. ~/.depin/node).");
        }

        if (string.IsNullOrWhiteSpace(OperatorKeystore))
        {
            problems.Add("OperatorKeystore must name the operator's keystore file (depin-node init creates one).");
        }
        else if (!File.Exists(OperatorKeystore))
        {
            problems.Add($"OperatorKeystore '{OperatorKeystore}' does not exist; run depin-node init or fix the path.");
        }

        return problems;
    }
}
