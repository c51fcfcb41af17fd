using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;

namespace DePinGpu.TenantCli.Tests.Support;

/// <summary>
/// A real <c>depin-node</c> for the CLI's end-to-end tests: its files (config with the Process runtime and one declared
/// RTX4090, light-scrypt keystores), <c>depin-node register</c> run as a process, then <c>depin-node run</c>.
/// </summary>
public sealed class ProviderNodeProcess
{
    private const string Password = "node password";

    private ProviderNodeProcess(string directory, WalletKey owner, WalletKey operatorKey, int apiPort, int libp2pPort)
    {
        Directory = directory;
        Owner = owner;
        Operator = operatorKey;
        Api = new Uri($"http://127.0.0.1:{apiPort}/");
        ListenAddress = $"/ip4/127.0.0.1/tcp/{libp2pPort}";
    }

    /// <summary>The node's folder.</summary>
    public string Directory { get; }

    /// <summary>The owner (provider id).</summary>
    public WalletKey Owner { get; }

    /// <summary>The operator key (the node's libp2p identity).</summary>
    public WalletKey Operator { get; }

    /// <summary>The node API base URL.</summary>
    public Uri Api { get; }

    /// <summary>Where the node's libp2p host listens (loopback, a port picked when the files were written).</summary>
    public string ListenAddress { get; }

    /// <summary>The address other nodes dial: <see cref="ListenAddress"/> with the node's peer id.</summary>
    public string DialAddress => $"{ListenAddress}/p2p/{Operator.PeerId}";

    private string ConfigFile => Path.Combine(Directory, "config.json");

    /// <summary>The built depin-node program, from the same configuration as this test assembly.</summary>
    public static string Program
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepositoryPaths.Root, "src", "ProviderNode", "bin", configuration, "net10.0", "depin-node.dll");
        }
    }

    /// <summary>Writes the node's files and registers it on the chain with <c>depin-node register</c>.</summary>
    public static async Task<ProviderNodeProcess> RegisterAsync(DevnetChain chain, string directory, string name, long pricePerGpuSecond)
    {
        System.IO.Directory.CreateDirectory(directory);
        var owner = await chain.FundedKeyAsync(100_000);
        var operatorKey = await chain.FundedKeyAsync(0);
        var node = new ProviderNodeProcess(directory, owner, operatorKey, FreePort.Next(), FreePort.Next());
        var passwordFile = Path.Combine(directory, "password");
        await File.WriteAllTextAsync(passwordFile, Password);
        await KeystoreFile.SaveAsync(Path.Combine(directory, "owner.json"), owner, Password, ScryptCost.Light, CancellationToken.None);
        await KeystoreFile.SaveAsync(Path.Combine(directory, "operator.json"), operatorKey, Password, ScryptCost.Light, CancellationToken.None);
        await File.WriteAllTextAsync(node.ConfigFile, Config(chain, node, name, pricePerGpuSecond, passwordFile).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var stake = (chain.Connection.Deployment.Parameters.MinStakePerGpu * 4).ToString(CultureInfo.InvariantCulture);
        var (exitCode, _, error) = await RunToEndAsync("register", "--config", node.ConfigFile, "--owner-keystore", Path.Combine(directory, "owner.json"), "--owner-password-file", passwordFile, "--stake", stake);
        Assert.True(exitCode == 0, "depin-node register failed: " + error);
        return node;
    }

    /// <summary>
    /// Makes every node of <paramref name="nodes"/> a bootstrap peer of every other one (as DevnetNode.PeerAllAsync
    /// does for the node's own tests), so gossip and Bitswap connect at start. Call before <see cref="RunAsync"/>.
    /// </summary>
    public static async Task PeerAllAsync(params ProviderNodeProcess[] nodes)
    {
        foreach (var node in nodes)
        {
            var config = JsonNode.Parse(await File.ReadAllTextAsync(node.ConfigFile))!.AsObject();
            config["Network"]!["BootstrapPeers"] = new JsonArray([.. nodes.Where(peer => peer != node).Select(peer => (JsonNode)peer.DialAddress)]);
            await File.WriteAllTextAsync(node.ConfigFile, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
    }

    /// <summary>Starts <c>depin-node run</c> and waits until its API answers.</summary>
    public async Task<ExternalProcess> RunAsync(TimeSpan timeout)
    {
        var process = ExternalProcess.Start("dotnet", [Program, "run", "--config", ConfigFile]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("depin-node run exited: " + process.ErrorTail);
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Api, "status"));
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

    private static JsonObject Config(DevnetChain chain, ProviderNodeProcess node, string name, long pricePerGpuSecond, string passwordFile) => new()
    {
        ["Node"] = new JsonObject
        {
            ["DataDirectory"] = Path.Combine(node.Directory, "data"), ["OperatorKeystore"] = Path.Combine(node.Directory, "operator.json"), ["PasswordFile"] = passwordFile,
            ["Multiaddrs"] = new JsonArray(node.ListenAddress),
        },
        ["Network"] = new JsonObject { ["ListenAddresses"] = new JsonArray(node.ListenAddress), ["BootstrapPeers"] = new JsonArray() },
        // Capacity every 2 s (default 30 s), so `depin providers` sees every peer's soon after the mesh forms.
        ["Gossip"] = new JsonObject { ["CapacityInterval"] = "00:00:02" },
        ["Chain"] = new JsonObject
        {
            ["RpcUrl"] = chain.RpcUrl.ToString(),
            ["ChainId"] = 31337,
            ["DeploymentFile"] = chain.DeploymentFilePath,
            ["Confirmations"] = 0,
            ["PollInterval"] = "00:00:00.200",
            ["Transactions"] = new JsonObject { ["ReceiptPollInterval"] = "00:00:00.050" },
        },
        ["Bidding"] = new JsonObject { ["AllowedRuntimes"] = new JsonArray("process"), ["SpecWait"] = "00:00:30" },
        ["Pricing"] = new JsonObject { ["DefaultPerGpuSecond"] = pricePerGpuSecond.ToString(CultureInfo.InvariantCulture) },
        ["Inventory"] = new JsonObject { ["Mode"] = "Declared", ["Declared"] = new JsonArray(new JsonObject { ["Model"] = "RTX4090", ["MemoryMebibytes"] = 24576, ["Count"] = 1 }) },
        ["Execution"] = new JsonObject { ["EnableProcessRuntime"] = true, ["NodeName"] = name },
        ["Checkpoints"] = new JsonObject { ["RescanInterval"] = "00:00:00.200" },
        ["Heartbeat"] = new JsonObject { ["Interval"] = "00:00:01" },
        ["Connectivity"] = new JsonObject { ["ProbeInterval"] = "00:00:00.500", ["RetryDelay"] = "00:00:00.200", ["MaxRetryDelay"] = "00:00:02" },
        ["Api"] = new JsonObject { ["Url"] = node.Api.ToString() },
        ["Logging"] = new JsonObject { ["Console"] = new JsonObject { ["LogToStandardErrorThreshold"] = "Trace", ["FormatterName"] = "simple" } },
    };

    private static async Task<(int ExitCode, string Output, string Error)> RunToEndAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryPaths.Root };
        info.ArgumentList.Add(Program);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
