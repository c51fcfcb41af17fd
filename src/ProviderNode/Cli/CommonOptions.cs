using System.CommandLine;

namespace DePinGpu.ProviderNode.Cli;

/// <summary>Options several commands share.</summary>
public sealed class CommonOptions
{
    /// <summary>The node's config file.</summary>
    public Option<string> Config { get; } = new("--config", "-c")
    {
        Description = "The node's config file (JSON).",
        DefaultValueFactory = _ => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".depin", "node", "config.json"),
    };

    /// <summary>Output format.</summary>
    public Option<string> Output { get; } = new("--output", "-o")
    {
        Description = "Output format: text or json.",
        DefaultValueFactory = _ => "text",
    };

    /// <summary>The owner's keystore (stake and payments).</summary>
    public Option<string> OwnerKeystore { get; } = new("--owner-keystore") { Description = "The owner account's keystore (v3) file.", Required = true };

    /// <summary>The owner keystore's password file.</summary>
    public Option<string?> OwnerPasswordFile { get; } = new("--owner-password-file") { Description = "File holding the owner keystore's password (else DEPIN_OWNER_PASSWORD)." };
}
