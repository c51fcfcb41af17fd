using DePinGpu.Protocol.Wallets;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Initialization;

/// <summary>
/// Creates a node's data directory: a new operator key (secp256k1; also the node's libp2p identity) in a v3 keystore
/// under the given password, the commented config file, and the folders the node uses. An existing keystore or config
/// is never overwritten: the node's identity and stake hang on that key.
/// </summary>
public sealed class NodeInitializer
{
    private readonly ILogger<NodeInitializer> _logger;

    /// <summary>Creates the initializer.</summary>
    public NodeInitializer(ILogger<NodeInitializer> logger) => _logger = logger;

    /// <summary>Initializes <paramref name="directory"/>; <paramref name="cost"/> is the keystore's scrypt cost.</summary>
    public async Task<NodeInitialization> InitializeAsync(NodeDataDirectory directory, string password, ScryptCost cost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(password);
        foreach (var existing in new[] { directory.OperatorKeystore, directory.ConfigFile })
        {
            if (File.Exists(existing))
            {
                var reason = $"{existing} already exists; a node is initialized only once (choose another --data-dir to start afresh)";
                InitializationLog.Refused(_logger, directory.Root, reason);
                return new NodeInitialization(null, null, directory, reason);
            }
        }

        Directory.CreateDirectory(directory.Root);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var key = await KeystoreFile.CreateAsync(directory.OperatorKeystore, password, cost, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(directory.ConfigFile, NodeConfigTemplate.Render(directory, key.Address), cancellationToken).ConfigureAwait(false);
        foreach (var folder in new[] { directory.LeasesDirectory, directory.ProcessesDirectory, directory.IpfsDirectory })
        {
            Directory.CreateDirectory(folder);
        }

        InitializationLog.Initialized(_logger, directory.Root, key.Address, key.PeerId.ToString());
        return new NodeInitialization(key.Address, key.PeerId.ToString(), directory, null);
    }
}
