using DePinGpu.ProviderNode.Initialization;
using Microsoft.Extensions.Configuration;

namespace DePinGpu.ProviderNode.Cli;

/// <summary>
/// Reads the node's configuration: defaults derived from the data directory, then the JSON config file, then
/// environment variables prefixed <c>DEPIN_NODE_</c> (<c>DEPIN_NODE_Chain__RpcUrl</c>).
/// </summary>
public static class NodeConfiguration
{
    /// <summary>The environment variables' prefix.</summary>
    public const string EnvironmentPrefix = "DEPIN_NODE_";

    /// <summary>Adds the node's sources to <paramref name="builder"/>; throws <see cref="FileNotFoundException"/> for a missing file.</summary>
    public static IConfigurationBuilder AddNodeSources(this IConfigurationBuilder builder, string configFile)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!File.Exists(configFile))
        {
            throw new FileNotFoundException($"The config file {configFile} does not exist; run depin-node init or pass --config.", configFile);
        }

        var fileOnly = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(configFile), optional: false).Build();
        var dataDirectory = fileOnly["Node:DataDirectory"] ?? Path.GetDirectoryName(Path.GetFullPath(configFile))!;
        builder.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Node:DataDirectory"] = dataDirectory,
            ["Node:OperatorKeystore"] = new NodeDataDirectory(dataDirectory).OperatorKeystore,
            ["Chain:Events:CursorFile"] = Path.Combine(dataDirectory, "chain-cursor.db"),
            ["ContentStore:RootPath"] = Path.Combine(dataDirectory, "blocks"),
            ["Execution:ProcessStateDirectory"] = Path.Combine(dataDirectory, "processes"),
        });
        builder.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        builder.AddEnvironmentVariables(EnvironmentPrefix);
        return builder;
    }

    /// <summary>The configuration of <paramref name="configFile"/> alone (for the one-shot commands).</summary>
    public static IConfiguration Load(string configFile) => new ConfigurationBuilder().AddNodeSources(configFile).Build();

    /// <summary>
    /// For commands that work without a node (<c>inventory</c>): <paramref name="configFile"/> when given; otherwise
    /// the default data directory's config when it exists, else the environment variables alone.
    /// </summary>
    public static IConfiguration LoadOrDefaults(string? configFile)
    {
        var path = configFile ?? new NodeDataDirectory(NodeDataDirectory.DefaultRoot).ConfigFile;
        return configFile is null && !File.Exists(path)
            ? new ConfigurationBuilder().AddEnvironmentVariables(EnvironmentPrefix).Build()
            : Load(path);
    }
}
