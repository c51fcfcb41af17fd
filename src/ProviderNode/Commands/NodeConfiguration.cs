using DePinGpu.ProviderNode.Initialization;
using Microsoft.Extensions.Configuration;

namespace DePinGpu.ProviderNode.Commands;

/// <summary>The node's configuration: its config file (JSON with comments), then DEPIN_NODE_ environment variables.</summary>
internal static class NodeConfiguration
{
    public const string EnvironmentPrefix = "DEPIN_NODE_";

    public static IConfiguration Load(string? configFile)
    {
        var path = Path.GetFullPath(configFile ?? new NodeDataDirectory(NodeDataDirectory.DefaultRoot).ConfigFile);
        return new ConfigurationBuilder()
            .AddJsonFile(path, optional: configFile is null, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .Build();
    }
}
