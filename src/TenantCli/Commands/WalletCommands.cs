using System.CommandLine;
using System.Globalization;
using System.Numerics;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Configuration;
using DePinGpu.TenantCli.Output;
using DePinGpu.TenantCli.Views;
using DePinGpu.TenantCli.Wallets;

namespace DePinGpu.TenantCli.Commands;

/// <summary><c>depin wallet new|import|list|balance|fund</c>.</summary>
internal static class WalletCommands
{
    /// <summary>The well-known first anvil account: the devnet's deployer and token minter (public, devnet only).</summary>
    private const string AnvilFirstAccountKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /// <summary>Creates <c>wallet</c> and its subcommands.</summary>
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("wallet", "Create, import and list wallets (v3 keystores), see balances, fund on the devnet.");
        command.Subcommands.Add(New(runner));
        command.Subcommands.Add(Import(runner));
        command.Subcommands.Add(List(runner));
        command.Subcommands.Add(Balance(runner));
        command.Subcommands.Add(Fund(runner));
        return command;
    }

    private static Option<string> KdfOption()
    {
        var option = new Option<string>("--kdf") { Description = "Key derivation cost: standard (slow, safe) or light (throwaway devnet wallets only).", DefaultValueFactory = _ => "standard" };
        option.AcceptOnlyFromAmong("standard", "light");
        return option;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "Wallet name (file <walletDirectory>/<name>.json)." };

    private static Argument<string?> OptionalNameArgument() => new("name") { Description = "Wallet name (default: the configured wallet).", Arity = ArgumentArity.ZeroOrOne };

    private static Command New(CommandRunner runner)
    {
        var name = NameArgument();
        var kdf = KdfOption();
        var command = new Command("new", "Creates a wallet with a new random key, encrypted with the wallet password.") { name, kdf };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var walletName = context.Parse.GetValue(name)!;
            context.Wallets.FileOf(walletName);
            var password = await PasswordSource.ReadAsync(context.Environment, context.Config, context.Printer.Console, confirm: true, cancellationToken).ConfigureAwait(false);
            var entry = await context.Wallets.SaveAsync(walletName, WalletKey.Generate(), password, CostOf(context.Parse.GetValue(kdf)), cancellationToken).ConfigureAwait(false);
            PrintWallet(context, entry);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Import(CommandRunner runner)
    {
        var name = NameArgument();
        var kdf = KdfOption();
        var keyFile = new Option<string?>("--key-file") { Description = "File holding the hex private key, or - for stdin (never a flag value: it would stay in the shell history)." };
        var keystore = new Option<string?>("--keystore") { Description = "A v3 keystore file (geth, ethers, MetaMask export); it is unlocked with the wallet password and saved under it." };
        var command = new Command("import", "Imports a hex private key (--key-file) or a keystore file (--keystore) into a new keystore; a wrong password writes nothing.") { name, keyFile, keystore, kdf };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var walletName = context.Parse.GetValue(name)!;
            var keyPath = context.Parse.GetValue(keyFile);
            var keystorePath = context.Parse.GetValue(keystore);
            if ((keyPath is null) == (keystorePath is null))
            {
                throw CliException.Usage("Give exactly one of --key-file (a hex private key) and --keystore (a keystore file).");
            }

            context.Wallets.FileOf(walletName);
            var keystoreJson = keystorePath is null ? null : ReadKeystore(keystorePath);
            var key = keyPath is null ? null : ReadPrivateKey(context, keyPath);
            var password = await PasswordSource.ReadAsync(context.Environment, context.Config, context.Printer.Console, confirm: key is not null, cancellationToken).ConfigureAwait(false);
            key ??= Unlock(keystoreJson!, keystorePath!, password);
            var entry = await context.Wallets.SaveAsync(walletName, key, password, CostOf(context.Parse.GetValue(kdf)), cancellationToken).ConfigureAwait(false);
            PrintWallet(context, entry);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var command = new Command("list", "Lists the wallets in the wallet directory (addresses read without the password).");
        runner.Bind(command, (context, _) =>
        {
            var defaultName = context.Config.Wallet;
            var rows = context.Wallets.List();
            context.Printer.Table(
                rows,
                [new("NAME", row => row.Name + (row.Name == defaultName ? " *" : string.Empty)), new("ADDRESS", row => row.Address), new("FILE", row => row.Path)],
                row => new WalletView(row.Name, row.Address, row.Path, row.Name == defaultName),
                row => row.Name);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command Balance(CommandRunner runner)
    {
        var name = OptionalNameArgument();
        var command = new Command("balance", "Shows a wallet's ether, tokens, allowance to the market and what it can withdraw.") { name };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var entry = context.Wallets.Find(context.Parse.GetValue(name) ?? context.WalletName);
            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var ether = await chain.Rpc.GetBalanceAsync(entry.Address, cancellationToken).ConfigureAwait(false);
            var token = chain.Token();
            var tokens = await token.BalanceOfAsync(entry.Address, cancellationToken).ConfigureAwait(false);
            var allowance = await token.AllowanceAsync(entry.Address, chain.Deployment.Contracts.Market, cancellationToken).ConfigureAwait(false);
            var withdrawable = await chain.Market().WithdrawableAsync(entry.Address, cancellationToken).ConfigureAwait(false);
            var view = new BalanceView(entry.Name, entry.Address, chain.Deployment.ChainId, Wei(ether), Wei(tokens), TokenAmount.Format(tokens), Wei(allowance), Wei(withdrawable));
            context.Printer.Record(view, entry.Address,
            [
                ("wallet", entry.Name), ("address", entry.Address), ("ether", TokenAmount.Format(ether) + " ETH"),
                ("tokens", TokenAmount.Format(tokens)), ("market allowance", TokenAmount.Format(allowance)), ("withdrawable", TokenAmount.Format(withdrawable)),
            ]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Fund(CommandRunner runner)
    {
        var name = OptionalNameArgument();
        var tokens = new Option<string>("--tokens") { Description = "Tokens to mint to the wallet.", DefaultValueFactory = _ => "10000" };
        var ether = new Option<string>("--ether") { Description = "Ether to add for gas.", DefaultValueFactory = _ => "10" };
        var command = new Command("fund", $"Devnet only (chain {TenantConfig.DevnetChainId}): gives a wallet ether and mints it tokens from the dev account ($DEPIN_DEV_KEY, else anvil's first account).") { name, tokens, ether };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var tokenAmount = TokenAmount.Parse(context.Parse.GetValue(tokens), "--tokens");
            var etherAmount = TokenAmount.Parse(context.Parse.GetValue(ether), "--ether");
            if (context.Config.ChainId is { } configured && configured != TenantConfig.DevnetChainId)
            {
                throw CliException.Usage($"wallet fund works only on the devnet (chain {TenantConfig.DevnetChainId}); this config is chain {configured}. Get tokens from an exchange or faucet instead.");
            }

            var entry = context.Wallets.Find(context.Parse.GetValue(name) ?? context.WalletName);
            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var devKey = WalletKey.FromPrivateKey(context.Environment.Variable(DevKey.DefaultVariable) ?? AnvilFirstAccountKey);
            var balance = await chain.Rpc.GetBalanceAsync(entry.Address, cancellationToken).ConfigureAwait(false);

            // anvil_setBalance is the devnet's faucet for gas: no transaction, no dev ether spent.
            await chain.Rpc.Client.RequestAsync("anvil_setBalance", [entry.Address, "0x" + (balance + etherAmount).ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0')], cancellationToken).ConfigureAwait(false);
            var mint = await chain.Token(devKey, CommandContext.Sends).MintAsync(entry.Address, tokenAmount, cancellationToken).ConfigureAwait(false);
            var view = new FundView(entry.Name, entry.Address, Wei(etherAmount), Wei(tokenAmount), mint.TransactionHash);
            context.Printer.Record(view, mint.TransactionHash,
                [("wallet", entry.Name), ("address", entry.Address), ("ether added", TokenAmount.Format(etherAmount)), ("tokens minted", TokenAmount.Format(tokenAmount)), ("transaction", mint.TransactionHash)]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void PrintWallet(CommandContext context, WalletEntry entry) =>
        context.Printer.Record(new WalletView(entry.Name, entry.Address, entry.Path, entry.Name == context.Config.Wallet), entry.Address,
            [("wallet", entry.Name), ("address", entry.Address), ("file", entry.Path)]);

    private static WalletKey ReadPrivateKey(CommandContext context, string keyFile)
    {
        string text;
        if (keyFile == "-")
        {
            text = context.Environment.Input.ReadLine() ?? string.Empty;
        }
        else if (!File.Exists(keyFile))
        {
            throw CliException.Usage($"No key file at {keyFile}: give the file that holds the hex private key, or - to read it from stdin.");
        }
        else
        {
            text = new FileInfo(keyFile).Length > 1024 ? string.Empty : File.ReadAllText(keyFile);
        }

        try
        {
            return WalletKey.FromPrivateKey(text.Trim());
        }
        catch (ArgumentException)
        {
            // The exception's message could echo key material: say only what is wrong.
            throw CliException.Usage("The key file does not hold a private key: it must be 64 hex digits, with or without 0x.");
        }
    }

    private static string ReadKeystore(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw CliException.Usage($"No keystore file at {path}: give the keystore's path to --keystore.");
        }

        return info.Length > KeystoreFile.MaxFileBytes
            ? throw CliException.Usage($"{path} is {info.Length} bytes, too large to be a keystore (at most {KeystoreFile.MaxFileBytes}).")
            : File.ReadAllText(path);
    }

    private static WalletKey Unlock(string keystoreJson, string path, string password)
    {
        try
        {
            return KeystoreFile.Decrypt(keystoreJson, password);
        }
        catch (WalletUnlockException exception)
        {
            throw CliException.Wallet($"Cannot import {path}: {exception.Message} Nothing was written.");
        }
    }

    private static ScryptCost CostOf(string? kdf) => kdf == "light" ? ScryptCost.Light : ScryptCost.Standard;

    private static string Wei(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
