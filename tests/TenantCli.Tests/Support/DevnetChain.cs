using System.Numerics;
using System.Text.RegularExpressions;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Deployment;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;

namespace DePinGpu.TenantCli.Tests.Support;

/// <summary>
/// A real anvil (chain 31337, loopback, free port) with the DePinGpu contracts deployed with devnet parameters and a
/// deployment file on disk; providers are driven through src/Protocol's clients, as a provider node would.
/// </summary>
public sealed partial class DevnetChain : IAsyncDisposable
{
    /// <summary>One token in wei.</summary>
    public static readonly BigInteger Token = BigInteger.Pow(10, 18);

    private static readonly TransactionOptions FastSends = new() { ReceiptPollInterval = TimeSpan.FromMilliseconds(10) };

    private readonly ExternalProcess _anvil;

    private DevnetChain(ExternalProcess anvil, Uri rpcUrl, IReadOnlyList<WalletKey> accounts, ProtocolConnection connection, string directory)
    {
        _anvil = anvil;
        RpcUrl = rpcUrl;
        Accounts = accounts;
        Connection = connection;
        Directory = directory;
    }

    /// <summary>The RPC URL.</summary>
    public Uri RpcUrl { get; }

    /// <summary>anvil's funded dev accounts (account 0 deployed the contracts and may mint).</summary>
    public IReadOnlyList<WalletKey> Accounts { get; }

    /// <summary>A checked connection to the deployment.</summary>
    public ProtocolConnection Connection { get; }

    /// <summary>Folder holding the deployment file.</summary>
    public string Directory { get; }

    /// <summary>The deployment file's path.</summary>
    public string DeploymentFilePath => DeploymentFile.PathFor(Directory, 31337);

    /// <summary>Starts anvil and deploys.</summary>
    public static async Task<DevnetChain> StartAsync()
    {
        var port = FreePort.Next();
        var anvil = ExternalProcess.Start(RepositoryPaths.Anvil, ["--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--chain-id", "31337", "--accounts", "4"]);
        var keys = new List<WalletKey>();
        await anvil.WaitForLineAsync(
            line =>
            {
                var match = PrivateKeyLine().Match(line);
                if (match.Success)
                {
                    keys.Add(WalletKey.FromPrivateKey(match.Groups[1].Value));
                }

                return line.StartsWith("Listening on", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(30));
        var rpcUrl = new Uri($"http://127.0.0.1:{port}");
        var directory = Path.Combine(Path.GetTempPath(), "depin-cli-chain-" + Guid.NewGuid().ToString("N"));
        using (var rpc = new EthereumRpc(rpcUrl))
        {
            var sender = new TransactionSender(rpc, keys[0], 31337, ContractErrors.CreateDecoder(), FastSends);
            var info = await new ContractsDeployer(rpc, sender).DeployAsync(DeploymentParameters.Devnet(keys[0].Address), null, CancellationToken.None);
            await DeploymentFile.WriteAsync(directory, info, CancellationToken.None);
        }

        var connection = await ProtocolConnection.ConnectAsync(
            new ChainOptions { RpcUrl = rpcUrl, ChainId = 31337, DeploymentFile = DeploymentFile.PathFor(directory, 31337), Confirmations = 0 }, null, CancellationToken.None);
        return new DevnetChain(anvil, rpcUrl, keys, connection, directory);
    }

    /// <summary>The CLI config for this chain (the devnet writes the same shape).</summary>
    public string ConfigJson(string walletDirectory, string wallet, string passwordFile) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            rpcUrl = RpcUrl.ToString(),
            chainId = 31337,
            deployment = DeploymentFilePath,
            walletDirectory,
            wallet,
            passwordFile,
            gateways = Array.Empty<string>(),
        });

    /// <summary>Registers a provider (fresh owner and operator keys, funded) with one GPU of <paramref name="model"/>.</summary>
    public async Task<TestProvider> RegisterProviderAsync(string model = "RTX4090", uint vramGb = 24, byte[]? metadata = null)
    {
        var owner = await FundedKeyAsync(100_000);
        var operatorKey = await FundedKeyAsync(0);
        var stake = Connection.Deployment.Parameters.MinStakePerGpu * 4;
        await Connection.Registry(owner, FastSends).RegisterAsync(operatorKey, model, 1, vramGb, Cid.ForBlock(MulticodecCode.Raw, metadata ?? [1, 2, 3]), stake, CancellationToken.None);
        return new TestProvider(owner, Connection.Market(operatorKey, FastSends), Connection.Registry(operatorKey, FastSends));
    }

    /// <summary>A fresh key with ether and <paramref name="tokens"/> whole tokens.</summary>
    public async Task<WalletKey> FundedKeyAsync(int tokens)
    {
        var key = WalletKey.Generate();
        await Connection.Rpc.Client.RequestAsync("anvil_setBalance", [key.Address, "0x3635C9ADC5DEA00000"], CancellationToken.None);
        if (tokens > 0)
        {
            await Connection.Token(Accounts[0], FastSends).MintAsync(key.Address, Token * tokens, CancellationToken.None);
        }

        return key;
    }

    /// <summary>The number of transactions <paramref name="address"/> has sent (to prove that nothing was sent).</summary>
    public Task<ulong> NonceAsync(string address) => Connection.Rpc.GetTransactionCountAsync(address, "latest", CancellationToken.None);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await _anvil.DisposeAsync();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    [GeneratedRegex(@"^\(\d+\) (0x[0-9a-fA-F]{64})$")]
    private static partial Regex PrivateKeyLine();
}
