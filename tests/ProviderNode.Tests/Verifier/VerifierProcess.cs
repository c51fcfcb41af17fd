using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;

namespace DePinGpu.ProviderNode.Tests.Verifier;

/// <summary>A <c>depin-node verify</c> process with its own funded key (ether only, no stake) and config on the test chain.</summary>
public sealed class VerifierProcess : IAsyncDisposable
{
    private const string Password = "verifier password";

    private VerifierProcess(WalletKey key, ExternalProcess process)
    {
        Key = key;
        Process = process;
    }

    /// <summary>The reporting account (it receives the finder's fees).</summary>
    public WalletKey Key { get; }

    /// <summary>The running process.</summary>
    public ExternalProcess Process { get; }

    /// <summary>Writes the files, starts the verifier and waits until it has read the chain.</summary>
    public static async Task<VerifierProcess> StartAsync(ProtocolChain chain, string directory, TimeSpan timeout)
    {
        Directory.CreateDirectory(directory);
        var key = await chain.FundedKeyAsync(tokens: 0);
        var keystore = Path.Combine(directory, "verifier.json");
        var passwordFile = Path.Combine(directory, "password");
        await File.WriteAllTextAsync(passwordFile, Password);
        await KeystoreFile.SaveAsync(keystore, key, Password, ScryptCost.Light, CancellationToken.None);
        var config = new JsonObject
        {
            ["Node"] = new JsonObject { ["DataDirectory"] = Path.Combine(directory, "data") },
            ["Chain"] = new JsonObject
            {
                ["RpcUrl"] = chain.Anvil.RpcUrl.ToString(),
                ["ChainId"] = AnvilChain.ChainId,
                ["DeploymentFile"] = chain.Connection.Options.DeploymentFile,
                ["Confirmations"] = 0,
                ["PollInterval"] = "00:00:00.200",
                ["Transactions"] = new JsonObject { ["ReceiptPollInterval"] = "00:00:00.050" },
            },
            ["Verifier"] = new JsonObject { ["RetryInterval"] = "00:00:00.500" },
            ["Logging"] = new JsonObject
            {
                ["LogLevel"] = new JsonObject { ["Default"] = "Information", ["DePinGpu.ProviderNode.Verifier"] = "Debug", ["System.Net.Http"] = "Warning", ["Microsoft"] = "Warning" },
                ["Console"] = new JsonObject { ["LogToStandardErrorThreshold"] = "Trace", ["FormatterName"] = "simple" },
            },
        };
        var configFile = Path.Combine(directory, "config.json");
        await File.WriteAllTextAsync(configFile, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var process = NodeCommandLine.Start("verify", "--config", configFile, "--keystore", keystore, "--password-file", passwordFile);
        var verifier = new VerifierProcess(key, process);
        var deadline = DateTime.UtcNow + timeout;
        while (!process.ErrorTail.Contains("Verifier started", StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await process.DisposeAsync();
                throw new InvalidOperationException("depin-node verify did not start: " + process.ErrorTail);
            }

            await Task.Delay(100);
        }

        return verifier;
    }

    /// <summary>The lines the verifier logged at warning level or above (the simple console format's prefixes).</summary>
    public IReadOnlyList<string> Complaints() =>
        Process.ErrorTail.Split(Environment.NewLine).Where(line => line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)).ToArray();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
