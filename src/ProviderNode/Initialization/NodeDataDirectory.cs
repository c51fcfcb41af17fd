namespace DePinGpu.ProviderNode.Initialization;

/// <summary>The layout of a node's data directory (default <c>~/.depin/node</c>).</summary>
public sealed record NodeDataDirectory(string Root)
{
    /// <summary>The default data directory of the current user.</summary>
    public static string DefaultRoot => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".depin", "node");

    /// <summary>The operator key's keystore (v3).</summary>
    public string OperatorKeystore => Path.Combine(Root, "operator.keystore.json");

    /// <summary>The commented configuration file.</summary>
    public string ConfigFile => Path.Combine(Root, "config.json");

    /// <summary>Leases' checkpoint, resume and output folders.</summary>
    public string LeasesDirectory => Path.Combine(Root, "leases");

    /// <summary>The process runtime's pid files and working folders.</summary>
    public string ProcessesDirectory => Path.Combine(Root, "processes");

    /// <summary>The IPFS block store and pins.</summary>
    public string IpfsDirectory => Path.Combine(Root, "ipfs");
}
