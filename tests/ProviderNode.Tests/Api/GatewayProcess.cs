using System.Globalization;
using System.Numerics;
using System.Text.Json;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;

namespace DePinGpu.ProviderNode.Tests.Api;

/// <summary>
/// The tenant's <c>depin gateway --order &lt;id&gt; -o json</c> as a real process (src/TenantCli, built with these tests):
/// its config, the tenant's keystore and password file in a folder of its own; clients reach it on a free loopback
/// port, its <c>/metrics</c> on another.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private const string Password = "tenant password";
    private readonly ExternalProcess _process;

    private GatewayProcess(ExternalProcess process, Uri address, Uri metrics)
    {
        _process = process;
        Address = address;
        Metrics = metrics;
    }

    /// <summary>Where clients send requests.</summary>
    public Uri Address { get; }

    /// <summary>Its Prometheus text.</summary>
    public Uri Metrics { get; }

    /// <summary>What it wrote to stderr.</summary>
    public string ErrorTail => _process.ErrorTail;

    /// <summary>The built <c>depin</c> program, from the same configuration as this test assembly.</summary>
    public static string Program
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepositoryPaths.Root, "src", "TenantCli", "bin", configuration, "net10.0", "depin.dll");
        }
    }

    /// <summary>Starts the gateway of <paramref name="orderId"/> as <paramref name="tenant"/>, asking <paramref name="nodes"/> for the replicas' addresses.</summary>
    public static async Task<GatewayProcess> StartAsync(ProtocolChain chain, WalletKey tenant, BigInteger orderId, IEnumerable<Uri> nodes, string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "wallets"));
        var passwordFile = Path.Combine(directory, "password");
        await File.WriteAllTextAsync(passwordFile, Password);
        await KeystoreFile.SaveAsync(Path.Combine(directory, "wallets", "tenant.json"), tenant, Password, ScryptCost.Light, CancellationToken.None);
        var config = Path.Combine(directory, "config.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            rpcUrl = chain.Anvil.RpcUrl.ToString(),
            chainId = AnvilChain.ChainId,
            deployment = chain.Connection.Options.DeploymentFile,
            walletDirectory = Path.Combine(directory, "wallets"),
            wallet = "tenant",
            passwordFile,
            gateways = nodes.Select(node => node.ToString()).ToArray(),
        }));
        var listen = FreePort.Next();
        var metrics = FreePort.Next();
        var process = ExternalProcess.Start("dotnet",
            [Program, "gateway", "--order", orderId.ToString(CultureInfo.InvariantCulture), "--listen", $"127.0.0.1:{listen}", "--metrics-listen", $"127.0.0.1:{metrics}", "-o", "json"],
            environment: new Dictionary<string, string> { ["DEPIN_CONFIG"] = config, ["HOME"] = directory });
        return new GatewayProcess(process, new Uri($"http://127.0.0.1:{listen}/"), new Uri($"http://127.0.0.1:{metrics}/metrics"));
    }

    /// <summary>The replicas <c>/metrics</c> lists now (key "lease/epoch" to whether it takes traffic); empty while it is not up yet.</summary>
    public async Task<IReadOnlyDictionary<string, bool>> ReplicasAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        Assert.False(_process.HasExited, "depin gateway exited: " + _process.ErrorTail);
        string text;
        try
        {
            text = await http.GetStringAsync(Metrics);
        }
        catch (HttpRequestException)
        {
            return new Dictionary<string, bool>();
        }

        return text.Split('\n')
            .Where(line => line.StartsWith("depin_gateway_replica_up{", StringComparison.Ordinal))
            .ToDictionary(line => line.Split('"')[1], line => line.EndsWith(" 1", StringComparison.Ordinal));
    }

    /// <summary>A counter of <c>/metrics</c>.</summary>
    public async Task<long> CounterAsync(HttpClient http, string name)
    {
        ArgumentNullException.ThrowIfNull(http);
        var text = await http.GetStringAsync(Metrics);
        var line = text.Split('\n').Single(line => line.StartsWith(name + " ", StringComparison.Ordinal));
        return long.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
