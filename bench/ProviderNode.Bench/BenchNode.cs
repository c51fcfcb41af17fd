using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;

namespace DePinGpu.ProviderNode.Bench;

/// <summary>One registered provider and its <c>depin-node run</c> process, configured like a devnet node.</summary>
internal sealed class BenchNode : IAsyncDisposable
{
    private const string Password = "bench password";
    private readonly ExternalProcess _process;
    private readonly Task _logCopy;

    private readonly string _nodeName;
    private readonly string? _dockerEndpoint;

    private BenchNode(ExternalProcess process, Uri api, WalletKey owner, string directory, string nodeName, string? dockerEndpoint)
    {
        _process = process;
        _nodeName = nodeName;
        _dockerEndpoint = dockerEndpoint;
        _logCopy = LogFile is { } path ? CopyLogAsync(process, path) : Task.CompletedTask;
        Api = api;
        Owner = owner;
        Directory = directory;
    }

    public Uri Api { get; }

    public WalletKey Owner { get; }

    public string Directory { get; }

    public int ProcessId => _process.Id;

    /// <summary>Where the node's log goes (at Information) when DEPIN_BENCH_NODE_LOG names a file; null: warnings only, discarded.</summary>
    private static string? LogFile => Environment.GetEnvironmentVariable("DEPIN_BENCH_NODE_LOG") is { Length: > 0 } path ? path : null;

    /// <summary>Registers a provider with <paramref name="gpus"/> declared RTX4090s and starts its daemon (Process runtime on; Docker when an endpoint is given).</summary>
    public static async Task<BenchNode> StartAsync(BenchDevnet devnet, string name, int gpus, string? dockerEndpoint)
    {
        var directory = Path.Combine(devnet.Directory, name);
        System.IO.Directory.CreateDirectory(directory);
        var owner = await devnet.FundedKeyAsync(tokens: 1_000_000);
        var operatorKey = await devnet.FundedKeyAsync(tokens: 0);
        var stake = devnet.Connection.Deployment.Parameters.MinStakePerGpu * gpus * 4;
        await devnet.Registry(owner).RegisterAsync(operatorKey, "RTX4090", (uint)gpus, 24, Cid.FromBytes([1, 0x55, 0x12, 0x20, .. new byte[32]]), stake, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(directory, "password"), Password);
        await KeystoreFile.SaveAsync(Path.Combine(directory, "operator.json"), operatorKey, Password, ScryptCost.Light, CancellationToken.None);
        var api = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var nodeName = name + "-" + Guid.NewGuid().ToString("N")[..6];
        await File.WriteAllTextAsync(Path.Combine(directory, "config.json"), Config(devnet, directory, nodeName, gpus, dockerEndpoint, api).ToJsonString());
        var process = ExternalProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "depin-node.dll"), "run", "--config", Path.Combine(directory, "config.json")]);
        var node = new BenchNode(process, api, owner, directory, nodeName, dockerEndpoint);
        await node.WaitUntilAnsweringAsync();
        return node;
    }

    /// <summary>The statuses of the node's leases; none while the node's rate limit refuses the request (429).</summary>
    public async Task<IReadOnlyList<(string LeaseId, string Status)>> LeasesAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri(Api, "/leases"));
        if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        var leases = await response.Content.ReadFromJsonAsync<JsonElement>();
        return leases.EnumerateArray().Select(lease => (lease.GetProperty("leaseId").GetString()!, lease.GetProperty("status").GetString()!)).ToArray();
    }

    /// <summary>Stops the node, then removes the containers it created: the node leaves them to a restart (it re-attaches), the benchmark never restarts it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await _logCopy;
        if (_dockerEndpoint is not null)
        {
            var removed = await BenchContainers.RemoveAsync(_dockerEndpoint, _nodeName);
            Console.WriteLine($"removed the {removed} containers of node {_nodeName}");
        }
    }

    private static async Task CopyLogAsync(ExternalProcess process, string path)
    {
        await using var log = new StreamWriter(path, append: true) { AutoFlush = true };
        try
        {
            while (true)
            {
                await log.WriteLineAsync(await process.ReadLineAsync(Timeout.InfiniteTimeSpan));
            }
        }
        catch (InvalidOperationException exception)
        {
            await log.WriteLineAsync("[bench] the node's output ended: " + exception.Message);
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("depin-node run exited: " + _process.ErrorTail);
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Api, "/status"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Still starting.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("depin-node run did not answer: " + _process.ErrorTail);
    }

    private static JsonObject Config(BenchDevnet devnet, string directory, string nodeName, int gpus, string? dockerEndpoint, Uri api) => new()
    {
        ["Node"] = new JsonObject { ["DataDirectory"] = Path.Combine(directory, "data"), ["OperatorKeystore"] = Path.Combine(directory, "operator.json"), ["PasswordFile"] = Path.Combine(directory, "password") },
        ["Chain"] = devnet.Production
            // The defaults a provider gets: 2 confirmations, events polled every second.
            ? new JsonObject { ["RpcUrl"] = devnet.Anvil.RpcUrl.ToString(), ["ChainId"] = AnvilChain.ChainId, ["DeploymentFile"] = devnet.Connection.Options.DeploymentFile }
            : new JsonObject
            {
                ["RpcUrl"] = devnet.Anvil.RpcUrl.ToString(),
                ["ChainId"] = AnvilChain.ChainId,
                ["DeploymentFile"] = devnet.Connection.Options.DeploymentFile,
                ["Confirmations"] = 0,
                // As scripts/devnet writes it for the devnet's nodes (the default is 1 s).
                ["PollInterval"] = "00:00:00.500",
            },
        ["Bidding"] = new JsonObject { ["AllowedRuntimes"] = dockerEndpoint is null ? new JsonArray("process") : new JsonArray("process", "docker") },
        ["Pricing"] = new JsonObject { ["DefaultPerGpuSecond"] = "1000" },
        ["Inventory"] = new JsonObject { ["Mode"] = "Declared", ["Declared"] = new JsonArray(new JsonObject { ["Model"] = "RTX4090", ["MemoryMebibytes"] = 24576, ["Count"] = gpus }) },
        ["Execution"] = new JsonObject { ["EnableProcessRuntime"] = true, ["NodeName"] = nodeName, ["DockerEndpoint"] = dockerEndpoint },
        ["Api"] = new JsonObject { ["Url"] = api.ToString() },
        // HttpClient's per-request lines stay at Warning, as scripts/devnet configures it: at Information they are four
        // lines for every JSON-RPC call and would count in the idle figures.
        ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = LogFile is null ? "Warning" : "Information", ["System.Net.Http"] = "Warning" } },
    };
}
