using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;

namespace DePinGpu.ProviderNode.Tests.Support;

/// <summary>
/// One provider node's files for a devnet test: data directory, operator and owner keystores (light scrypt),
/// password file and a config.json pointing at the test chain, with the Process runtime enabled.
/// </summary>
public sealed class DevnetNode
{
    private const string Password = "test password";

    private DevnetNode(string directory, WalletKey owner, WalletKey operatorKey, int apiPort, int libp2pPort)
    {
        Directory = directory;
        Owner = owner;
        Operator = operatorKey;
        Api = new Uri($"http://127.0.0.1:{apiPort}");
        ListenAddress = $"/ip4/127.0.0.1/tcp/{libp2pPort}";
    }

    /// <summary>The node's folder (config, keystores, data).</summary>
    public string Directory { get; }

    /// <summary>The owner key.</summary>
    public WalletKey Owner { get; }

    /// <summary>The operator key.</summary>
    public WalletKey Operator { get; }

    /// <summary>The API's base address.</summary>
    public Uri Api { get; }

    /// <summary>Where the node's libp2p host listens (loopback, a port picked when the files were written).</summary>
    public string ListenAddress { get; }

    /// <summary>The node's libp2p peer id (its operator key's).</summary>
    public string PeerId => Operator.ToLibp2pPrivateKey().PublicKey.ToPeerId().ToString();

    /// <summary>The address other nodes dial to reach this one: <see cref="ListenAddress"/> with its peer id.</summary>
    public string DialAddress => $"{ListenAddress}/p2p/{PeerId}";

    /// <summary>The config file.</summary>
    public string ConfigFile => Path.Combine(Directory, "config.json");

    /// <summary>The owner's keystore.</summary>
    public string OwnerKeystore => Path.Combine(Directory, "owner.json");

    /// <summary>The password file (both keystores use it).</summary>
    public string PasswordFile => Path.Combine(Directory, "password");

    /// <summary>
    /// Writes the files of a node that offers one RTX4090 at <paramref name="pricePerGpuSecond"/>; with
    /// <paramref name="dockerEndpoint"/> it runs Docker specs too, on that engine. It reaches the chain through
    /// <paramref name="rpcUrls"/> (first the main URL, then fallbacks) when given, else straight at anvil.
    /// </summary>
    public static async Task<DevnetNode> CreateAsync(ProtocolChain chain, string directory, string name, int pricePerGpuSecond, string? dockerEndpoint = null, IReadOnlyList<Uri>? rpcUrls = null)
    {
        System.IO.Directory.CreateDirectory(directory);
        var owner = await chain.FundedKeyAsync();
        var operatorKey = await chain.FundedKeyAsync(tokens: 0);
        var node = new DevnetNode(directory, owner, operatorKey, FreePort.Next(), FreePort.Next());
        await File.WriteAllTextAsync(node.PasswordFile, Password);
        await KeystoreFile.SaveAsync(node.OwnerKeystore, owner, Password, ScryptCost.Light, CancellationToken.None);
        await KeystoreFile.SaveAsync(Path.Combine(directory, "operator.json"), operatorKey, Password, ScryptCost.Light, CancellationToken.None);
        var config = new JsonObject
        {
            ["Node"] = new JsonObject
            {
                ["DataDirectory"] = Path.Combine(directory, "data"), ["OperatorKeystore"] = Path.Combine(directory, "operator.json"), ["PasswordFile"] = node.PasswordFile,
                ["Multiaddrs"] = new JsonArray(node.ListenAddress),
            },
            ["Network"] = new JsonObject { ["ListenAddresses"] = new JsonArray(node.ListenAddress), ["BootstrapPeers"] = new JsonArray() },
            ["Chain"] = new JsonObject
            {
                ["RpcUrl"] = (rpcUrls?[0] ?? chain.Anvil.RpcUrl).ToString(),
                ["FallbackRpcUrls"] = new JsonArray([.. (rpcUrls ?? []).Skip(1).Select(url => (JsonNode)url.ToString())]),
                ["ChainId"] = AnvilChain.ChainId,
                ["DeploymentFile"] = chain.Connection.Options.DeploymentFile,
                ["Confirmations"] = 0,
                ["PollInterval"] = "00:00:00.200",
                ["Transactions"] = new JsonObject { ["ReceiptPollInterval"] = "00:00:00.050" },
            },
            ["Bidding"] = new JsonObject
            {
                ["AllowedRuntimes"] = dockerEndpoint is null ? new JsonArray("process") : new JsonArray("process", "docker"), ["SpecWait"] = "00:00:30",
            },
            ["Pricing"] = new JsonObject { ["DefaultPerGpuSecond"] = pricePerGpuSecond.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["Inventory"] = new JsonObject { ["Mode"] = "Declared", ["Declared"] = new JsonArray(new JsonObject { ["Model"] = "RTX4090", ["MemoryMebibytes"] = 24576, ["Count"] = 1 }) },
            ["Execution"] = new JsonObject { ["EnableProcessRuntime"] = true, ["NodeName"] = name, ["DockerEndpoint"] = dockerEndpoint },
            ["Checkpoints"] = new JsonObject { ["RescanInterval"] = "00:00:00.200" },
            ["Heartbeat"] = new JsonObject { ["Interval"] = "00:00:01" },
            ["Connectivity"] = new JsonObject { ["ProbeInterval"] = "00:00:00.500", ["RetryDelay"] = "00:00:00.200", ["MaxRetryDelay"] = "00:00:02" },
            ["Api"] = new JsonObject { ["Url"] = node.Api.ToString() },
            ["Logging"] = new JsonObject
            {
                ["LogLevel"] = new JsonObject { ["Default"] = "Information", ["DePinGpu"] = "Debug", ["System.Net.Http"] = "Warning", ["Microsoft.AspNetCore"] = "Warning", ["DePinGpu.ProviderNode.Heartbeat"] = "Information", ["DePinGpu.Protocol"] = "Information" },
                ["Console"] = new JsonObject { ["LogToStandardErrorThreshold"] = "Trace", ["FormatterName"] = "simple" },
            },
        };
        await File.WriteAllTextAsync(node.ConfigFile, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return node;
    }

    /// <summary>
    /// Makes the node dial <paramref name="peers"/> at start (its <c>Network:BootstrapPeers</c>), so gossip and Bitswap
    /// connect them at once instead of after the registry discovery's first round.
    /// </summary>
    public async Task PeerWithAsync(IEnumerable<DevnetNode> peers)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(ConfigFile))!.AsObject();
        config["Network"]!["BootstrapPeers"] = new JsonArray([.. peers.Where(peer => peer != this).Select(peer => (JsonNode)peer.DialAddress)]);
        await File.WriteAllTextAsync(ConfigFile, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Makes every node of <paramref name="nodes"/> a bootstrap peer of every other one.</summary>
    public static async Task PeerAllAsync(params DevnetNode[] nodes)
    {
        foreach (var node in nodes)
        {
            await node.PeerWithAsync(nodes);
        }
    }

    /// <summary>Starts <c>depin-node run</c> and waits until its API answers.</summary>
    public async Task<ExternalProcess> RunAsync(TimeSpan timeout)
    {
        var process = NodeCommandLine.Start("run", "--config", ConfigFile);
        using var http = new HttpClient { BaseAddress = Api, Timeout = TimeSpan.FromSeconds(15) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("depin-node run exited: " + process.ErrorTail);
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/status", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                // Not listening yet: the host is still starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                await process.DisposeAsync();
                throw new TimeoutException("depin-node run did not answer on " + Api);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The node's view of its leases.</summary>
    public async Task<JsonElement> LeasesAsync()
    {
        using var http = new HttpClient { BaseAddress = Api };
        return await http.GetFromJsonAsync<JsonElement>(new Uri("/leases", UriKind.Relative));
    }
}
