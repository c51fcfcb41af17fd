using System.CommandLine;
using DePinGpu.ProviderNode.Initialization;
using DePinGpu.Protocol.Wallets;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Commands;

/// <summary><c>depin-node init</c>: the data directory, the operator keystore and the commented config.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var dataDirectory = new Option<string?>("--data-dir") { Description = $"The node's data directory (default {NodeDataDirectory.DefaultRoot})" };
        var passwordFile = new Option<string?>("--password-file")
        {
            Description = $"A file whose first line is the keystore password (else {PasswordSource.EnvironmentVariable}, else a prompt; never on the command line)",
        };
        var lightKdf = new Option<bool>("--light-kdf") { Description = "Cheaper keystore encryption, for devnets and tests only" };
        var output = CommandOutput.CreateOption();
        var command = new Command("init", "Create the data directory, a password-protected keystore for a new operator key, and a commented config file")
        {
            dataDirectory, passwordFile, lightKdf, output,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var directory = new NodeDataDirectory(Path.GetFullPath(result.GetValue(dataDirectory) ?? NodeDataDirectory.DefaultRoot));
            var (password, problem) = PasswordSource.Read(result.GetValue(passwordFile), confirm: true);
            if (password is null)
            {
                return CommandOutput.Fail(problem!);
            }

            using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole().AddFilter(level => level >= LogLevel.Error));
            var initializer = new NodeInitializer(loggers.CreateLogger<NodeInitializer>());
            var cost = result.GetValue(lightKdf) ? ScryptCost.Light : ScryptCost.Standard;
            var created = await initializer.InitializeAsync(directory, password, cost, cancellationToken).ConfigureAwait(false);
            return created.Refusal is { } refusal ? CommandOutput.Fail(refusal) : Print(created, CommandOutput.IsJson(result, output));
        });
        return command;
    }

    private static int Print(NodeInitialization created, bool json)
    {
        if (json)
        {
            CommandOutput.WriteJson(new
            {
                operatorAddress = created.OperatorAddress,
                peerId = created.PeerId,
                dataDirectory = created.Directory.Root,
                keystore = created.Directory.OperatorKeystore,
                config = created.Directory.ConfigFile,
            });
            return 0;
        }

        Console.WriteLine($"Initialized {created.Directory.Root}");
        Console.WriteLine($"  operator address  {created.OperatorAddress}");
        Console.WriteLine($"  peer id           {created.PeerId}");
        Console.WriteLine($"  keystore          {created.Directory.OperatorKeystore}");
        Console.WriteLine($"  config            {created.Directory.ConfigFile}");
        Console.WriteLine("Back up the keystore and its password. Next: edit the config, then register the node.");
        return 0;
    }
}
