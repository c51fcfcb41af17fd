using System.Text.RegularExpressions;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;

namespace DePinGpu.Protocol.Bench;

/// <summary>An anvil chain on a free loopback port for the benchmarks.</summary>
internal sealed partial class BenchChain : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private BenchChain(ExternalProcess process, Uri url, IReadOnlyList<WalletKey> accounts)
    {
        _process = process;
        Url = url;
        Rpc = new EthereumRpc(url);
        Accounts = accounts;
    }

    public Uri Url { get; }

    public EthereumRpc Rpc { get; }

    public IReadOnlyList<WalletKey> Accounts { get; }

    public static async Task<BenchChain> StartAsync(params string[] extraArguments)
    {
        var port = FreePort.Next();
        var process = ExternalProcess.Start(RepositoryPaths.Anvil, ["--host", "127.0.0.1", "--port", port.ToString(), "--accounts", "4", "--gas-limit", "300000000", .. extraArguments]);
        var keys = new List<WalletKey>();
        await process.WaitForLineAsync(
            line =>
            {
                var match = KeyLine().Match(line);
                if (match.Success)
                {
                    keys.Add(WalletKey.FromPrivateKey(match.Groups[1].Value));
                }

                return line.StartsWith("Listening on", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(30));
        return new BenchChain(process, new Uri($"http://127.0.0.1:{port}"), keys);
    }

    public Task CallAsync(string method, params object?[] parameters) => Rpc.Client.RequestAsync(method, parameters, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Rpc.Dispose();
        await _process.DisposeAsync();
    }

    [GeneratedRegex(@"^\(\d+\) (0x[0-9a-fA-F]{64})$")]
    private static partial Regex KeyLine();
}
