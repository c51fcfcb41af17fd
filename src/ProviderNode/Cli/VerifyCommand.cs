using System.CommandLine;
using DePinGpu.ProviderNode.Configuration;
using DePinGpu.ProviderNode.Verifier;
using DePinGpu.Protocol.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DePinGpu.ProviderNode.Cli;

/// <summary>
/// <c>depin-node verify</c>: the verifier role alone, until SIGTERM or Ctrl+C. It needs the <c>Chain</c> section of a
/// config file and a key with ether for gas (no stake, no registration); it earns the finder's fee of every report it
/// wins.
/// </summary>
public static class VerifyCommand
{
    /// <summary>The environment variable that may hold the <c>--keystore</c> password.</summary>
    public const string PasswordVariable = "DEPIN_VERIFIER_PASSWORD";

    /// <summary>The verifier's own event cursor in the data directory (never the daemon's, which its process holds open).</summary>
    public const string CursorFileName = "verifier-cursor.db";

    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions common)
    {
        ArgumentNullException.ThrowIfNull(common);
        var keystore = new Option<string?>("--keystore") { Description = "The reporting account's keystore (v3); default: the config's Node:OperatorKeystore." };
        var passwordFile = new Option<string?>("--password-file") { Description = $"File holding that keystore's password (else {PasswordVariable}); default without --keystore: Node:PasswordFile." };
        var command = new Command("verify", "Runs only the verifier: reports providers that miss their heartbeats (finder's fee) and closes reopened leases nobody took.")
        {
            common.Config, keystore, passwordFile,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            var configFile = parse.GetValue(common.Config)!;
            var configuration = NodeConfiguration.Load(configFile);
            var node = configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
            var key = parse.GetValue(keystore) is { } file
                ? await OperatorKeyLoader.UnlockAsync(file, parse.GetValue(passwordFile), PasswordVariable, cancellationToken).ConfigureAwait(false)
                : await OperatorKeyLoader.UnlockAsync(node.OperatorKeystore, node.PasswordFile, OperatorKeyLoader.OperatorPasswordVariable, cancellationToken).ConfigureAwait(false);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            builder.Configuration.AddNodeSources(configFile);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Chain:Events:CursorFile"] = Path.Combine(node.DataDirectory, CursorFileName),
                [$"{VerifierOptions.Section}:{nameof(VerifierOptions.Enabled)}"] = "true",
            });
            builder.Services.AddChainConnection(builder.Configuration.GetSection("Chain"));
            builder.Services.AddChainSigningKey(_ => key);
            builder.Services.AddChainEvents(builder.Configuration.GetSection("Chain:Events"));
            builder.Services.AddVerifier(builder.Configuration);
            using var host = builder.Build();
            Directory.CreateDirectory(node.DataDirectory);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
