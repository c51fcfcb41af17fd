using System.Globalization;
using System.Text.Json;
using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Demo;

/// <summary>
/// What <c>scripts/devnet.sh</c> left in its folder (docs/devnet.md): the provider nodes (pid files, data folders,
/// logs, owners), the verifier's account and the workload runtime the nodes use.
/// </summary>
internal sealed class DevnetLayout
{
    private DevnetLayout(string directory, IReadOnlyList<DevnetNode> nodes, string verifier, string runtime)
    {
        Directory = directory;
        Nodes = nodes;
        Verifier = verifier;
        Runtime = runtime;
    }

    /// <summary>The devnet folder.</summary>
    public string Directory { get; }

    /// <summary>The provider nodes, provider-1 first.</summary>
    public IReadOnlyList<DevnetNode> Nodes { get; }

    /// <summary>The verifier's account (lower-case hex), which should earn the finder's fee.</summary>
    public string Verifier { get; }

    /// <summary>"process" or "docker".</summary>
    public string Runtime { get; }

    /// <summary>Reads the devnet folder; a folder without a running devnet is a configuration error naming what is missing.</summary>
    public static DevnetLayout Read(string directory)
    {
        var full = Path.GetFullPath(directory);
        var nodesFolder = Path.Combine(full, "nodes");
        if (!System.IO.Directory.Exists(nodesFolder) || !System.IO.Directory.Exists(Path.Combine(full, "pids")))
        {
            throw CliException.Configuration($"{full} holds no devnet (no nodes/ or pids/): start one with scripts/devnet.sh --detach, or pass --devnet-dir.");
        }

        var nodes = System.IO.Directory.GetDirectories(nodesFolder, "provider-*")
            .Select(folder => Path.GetFileName(folder))
            .OrderBy(name => int.TryParse(name["provider-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : int.MaxValue)
            .Select(name => new DevnetNode(
                name,
                KeystoreAddress(Path.Combine(nodesFolder, name, "owner.keystore.json")),
                Path.Combine(full, "pids", name + ".pid"),
                Path.Combine(nodesFolder, name),
                Path.Combine(full, "logs", name + ".log")))
            .ToArray();
        if (nodes.Length == 0)
        {
            throw CliException.Configuration($"{nodesFolder} has no provider-N folder: start the devnet with scripts/devnet.sh --detach.");
        }

        var runtimeFile = Path.Combine(full, "runtime");
        var runtime = File.Exists(runtimeFile) ? File.ReadAllText(runtimeFile).Trim() : "process";
        return new DevnetLayout(full, nodes, VerifierAddress(Path.Combine(full, "logs", "verifier-init.log")), runtime);
    }

    /// <summary>The node of <paramref name="owner"/>, or null when no node of this devnet is that provider.</summary>
    public DevnetNode? NodeOf(string? owner) =>
        owner is null ? null : Nodes.FirstOrDefault(node => string.Equals(node.Owner, owner, StringComparison.OrdinalIgnoreCase));

    /// <summary>"provider-2" for a provider of this devnet, else the address.</summary>
    public string NameOf(string? owner) => owner is null ? "nobody" : NodeOf(owner)?.Name ?? owner;

    private static string KeystoreAddress(string file)
    {
        using var document = JsonDocument.Parse(ReadOrExplain(file));
        return document.RootElement.TryGetProperty("address", out var address) && address.GetString() is { Length: 40 or 42 } text
            ? Normalise(text)
            : throw CliException.Configuration($"{file} is a keystore without an address field.");
    }

    // depin-node init -o json printed the verifier's operatorAddress into its log.
    private static string VerifierAddress(string initLog)
    {
        var text = ReadOrExplain(initLog);
        var json = text[text.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json);
        return Normalise(document.RootElement.GetProperty("operatorAddress").GetString()!);
    }

    private static string Normalise(string address) =>
        (address.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? address : "0x" + address).ToLowerInvariant();

    private static string ReadOrExplain(string file) => File.Exists(file)
        ? File.ReadAllText(file)
        : throw CliException.Configuration($"{file} is missing: was this devnet started by scripts/devnet.sh?");
}
