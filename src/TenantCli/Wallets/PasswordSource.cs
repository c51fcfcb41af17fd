using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Configuration;
using Spectre.Console;

namespace DePinGpu.TenantCli.Wallets;

/// <summary>Where the wallet password comes from: passwordFile, else DEPIN_PASSWORD, else a prompt on a terminal.</summary>
internal static class PasswordSource
{
    /// <summary>The variable that may hold the password.</summary>
    public const string Variable = "DEPIN_PASSWORD";

    /// <summary>The largest password file read.</summary>
    private const int MaxFileBytes = 4096;

    /// <summary>The password; <paramref name="confirm"/> asks twice when prompting (a new wallet).</summary>
    public static async Task<string> ReadAsync(CliEnvironment environment, TenantConfig config, IAnsiConsole console, bool confirm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(config);
        if (config.PasswordFile is { } file)
        {
            return await ReadFileAsync(file, cancellationToken).ConfigureAwait(false);
        }

        if (environment.Variable(Variable) is { } password)
        {
            return password;
        }

        if (!environment.InputIsTerminal)
        {
            throw CliException.Wallet($"No wallet password: set passwordFile in the config, --password-file, or {Variable} (no terminal to prompt on).");
        }

        var first = console.Prompt(new TextPrompt<string>("Wallet password:").Secret());
        if (confirm && console.Prompt(new TextPrompt<string>("Repeat it:").Secret()) != first)
        {
            throw CliException.Wallet("The two passwords differ; nothing was written. Run the command again.");
        }

        return first;
    }

    private static async Task<string> ReadFileAsync(string file, CancellationToken cancellationToken)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw CliException.Wallet($"No password file at {file}: create it or fix passwordFile (--password-file).");
        }

        if (info.Length > MaxFileBytes)
        {
            throw CliException.Wallet($"{file} is {info.Length} bytes, too large to be a password file (at most {MaxFileBytes}).");
        }

        var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);

        // Editors add a final newline that is not part of the password.
        return text.TrimEnd('\r', '\n');
    }
}
