using System.Text.Json;
using System.Text.RegularExpressions;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;

namespace DePinGpu.Protocol.Tests.Support;

/// <summary>
/// A real anvil chain on a free loopback port, started from node_modules, with time control, snapshots, reorgs
/// and stop/restart on the same port (state carried over through anvil_dumpState / anvil_loadState).
/// </summary>
public sealed partial class AnvilChain : IAsyncDisposable
{
    private ExternalProcess? _process;
    private string? _dumpedState;

    private AnvilChain(int port)
    {
        Port = port;
        RpcUrl = new Uri($"http://127.0.0.1:{port}");
        Rpc = new EthereumRpc(RpcUrl, TimeSpan.FromSeconds(30));
    }

    /// <summary>Chain id anvil runs with.</summary>
    public const ulong ChainId = 31337;

    /// <summary>The loopback port.</summary>
    public int Port { get; }

    /// <summary>The RPC URL.</summary>
    public Uri RpcUrl { get; }

    /// <summary>A typed client for the chain.</summary>
    public EthereumRpc Rpc { get; }

    /// <summary>The funded dev accounts anvil printed at start.</summary>
    public IReadOnlyList<WalletKey> Accounts { get; private set; } = [];

    /// <summary>Starts anvil on a free port; <paramref name="extraArguments"/> are passed through.</summary>
    public static async Task<AnvilChain> StartAsync(params string[] extraArguments)
    {
        var chain = new AnvilChain(FreePort.Next()) { _extraArguments = extraArguments };
        await chain.LaunchAsync(loadState: false);
        return chain;
    }

    private string[] _extraArguments = [];

    /// <summary>Calls an RPC method and returns its result.</summary>
    public Task<JsonElement> CallAsync(string method, params object?[] parameters) =>
        Rpc.Client.RequestAsync(method, parameters, CancellationToken.None);

    /// <summary>Moves the chain clock forward and mines a block with the new time.</summary>
    public async Task IncreaseTimeAsync(long seconds)
    {
        await CallAsync("evm_increaseTime", seconds);
        await CallAsync("evm_mine");
    }

    /// <summary>Mines <paramref name="blocks"/> empty blocks.</summary>
    public Task MineAsync(int blocks = 1) => CallAsync("anvil_mine", "0x" + blocks.ToString("x"));

    /// <summary>Turns automatic mining of each transaction on or off.</summary>
    public Task SetAutomineAsync(bool enabled) => CallAsync("evm_setAutomine", enabled);

    /// <summary>Takes a snapshot; returns its id.</summary>
    public async Task<string> SnapshotAsync() => (await CallAsync("evm_snapshot")).GetString()!;

    /// <summary>Reverts to a snapshot (the chain drops every block after it).</summary>
    public Task RevertAsync(string snapshot) => CallAsync("evm_revert", snapshot);

    /// <summary>Current chain time (latest block timestamp).</summary>
    public async Task<ulong> NowAsync() => (await Rpc.GetLatestBlockHeaderAsync(CancellationToken.None)).Timestamp;

    /// <summary>Stops anvil after saving its state in memory (a later <see cref="RestartAsync"/> loads it).</summary>
    public async Task StopAsync()
    {
        _dumpedState = (await CallAsync("anvil_dumpState")).GetString();
        await _process!.DisposeAsync();
        _process = null;
    }

    /// <summary>Starts anvil again on the same port with the state saved by <see cref="StopAsync"/>.</summary>
    public Task RestartAsync() => LaunchAsync(loadState: true);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        Rpc.Dispose();
    }

    private async Task LaunchAsync(bool loadState)
    {
        string[] arguments = ["--host", "127.0.0.1", "--port", Port.ToString(), "--chain-id", ChainId.ToString(), "--accounts", "10", .. _extraArguments];
        _process = ExternalProcess.Start(RepositoryPaths.Anvil, arguments);
        var keys = new List<WalletKey>();
        await _process.WaitForLineAsync(
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
        Accounts = keys;
        if (loadState && _dumpedState is not null)
        {
            await CallAsync("anvil_loadState", _dumpedState);
        }
    }

    [GeneratedRegex(@"^\(\d+\) (0x[0-9a-fA-F]{64})$")]
    private static partial Regex PrivateKeyLine();
}
