using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TenantCli.Configuration;
using DePinGpu.TenantCli.Output;
using DePinGpu.TenantCli.Wallets;
using System.CommandLine;
using Spectre.Console;

namespace DePinGpu.TenantCli.Cli;

/// <summary>What one command run has: its parse result, printer, and (loaded on first use) config, chain and wallet.</summary>
internal sealed class CommandContext : IDisposable
{
    /// <summary>How often a command polls for its receipts: a person is waiting.</summary>
    public static readonly TransactionOptions Sends = new() { ReceiptPollInterval = TimeSpan.FromMilliseconds(100) };

    private readonly GlobalOptions _options;
    private TenantConfig? _config;
    private ProtocolConnection? _connection;

    /// <summary>Creates the context; nothing is read yet.</summary>
    public CommandContext(ParseResult parse, GlobalOptions options, CliEnvironment environment)
    {
        Parse = parse;
        _options = options;
        Environment = environment;
        var mode = parse.GetValue(options.Quiet) ? OutputMode.Quiet : parse.GetValue(options.Output) == "json" ? OutputMode.Json : OutputMode.Text;
        Printer = new CommandPrinter(environment, mode);
    }

    /// <summary>The parsed command line.</summary>
    public ParseResult Parse { get; }

    /// <summary>The process's streams and environment.</summary>
    public CliEnvironment Environment { get; }

    /// <summary>Prints the result.</summary>
    public CommandPrinter Printer { get; }

    /// <summary>The merged configuration (file &lt; env &lt; flags).</summary>
    public TenantConfig Config => _config ??= TenantConfigLoader.Load(Environment, new ConfigFlags(
        Parse.GetValue(_options.Config),
        Parse.GetValue(_options.RpcUrl),
        Parse.GetValue(_options.ChainId),
        Parse.GetValue(_options.Deployment),
        Parse.GetValue(_options.Wallet),
        Parse.GetValue(_options.WalletDirectory),
        Parse.GetValue(_options.PasswordFile),
        Parse.GetValue(_options.Gateways) ?? []));

    /// <summary>The wallet folder.</summary>
    public WalletDirectory Wallets => new(Config.WalletDirectory);

    /// <summary>The checked chain connection (RPC answers with the configured chain id; the deployment's contracts exist).</summary>
    public async Task<ProtocolConnection> ChainAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            return _connection;
        }

        var config = Config;
        var missing = new List<string>();
        if (config.RpcUrl is null)
        {
            missing.Add("rpcUrl (--rpc-url)");
        }

        if (config.ChainId is null)
        {
            missing.Add("chainId (--chain-id)");
        }

        if (config.Deployment is null)
        {
            missing.Add("deployment (--deployment)");
        }

        if (missing.Count > 0)
        {
            throw CliException.Configuration($"No {string.Join(", ", missing)} configured: run the devnet (it writes ~/.depin/config.json) or pass the flags.");
        }

        var options = new ChainOptions { RpcUrl = config.RpcUrl!, ChainId = config.ChainId!.Value, DeploymentFile = config.Deployment!, Confirmations = 0, RequestTimeout = TimeSpan.FromSeconds(10) };
        _connection = await ProtocolConnection.ConnectAsync(options, null, cancellationToken).ConfigureAwait(false);
        return _connection;
    }

    /// <summary>The name of the wallet to use; throws when none is configured.</summary>
    public string WalletName => Config.Wallet
        ?? throw CliException.Wallet("No wallet chosen: set wallet in the config, DEPIN_WALLET or --wallet (create one with `depin wallet new NAME`).");

    /// <summary>The configured wallet's address, read from its keystore without the password.</summary>
    public string WalletAddress => Wallets.Find(WalletName).Address;

    /// <summary>The chain's time (latest block), which is what the contracts compare against.</summary>
    public async Task<DateTimeOffset> ChainNowAsync(CancellationToken cancellationToken)
    {
        var chain = await ChainAsync(cancellationToken).ConfigureAwait(false);
        return DateTimeOffset.FromUnixTimeSeconds((long)(await chain.Rpc.GetLatestBlockHeaderAsync(cancellationToken).ConfigureAwait(false)).Timestamp);
    }

    /// <summary>Unlocks the configured wallet.</summary>
    public async Task<WalletKey> UnlockWalletAsync(CancellationToken cancellationToken)
    {
        var name = WalletName;
        Wallets.Find(name);
        var password = await PasswordSource.ReadAsync(Environment, Config, Printer.Console, confirm: false, cancellationToken).ConfigureAwait(false);
        return await Wallets.UnlockAsync(name, password, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the user agrees (or passed --yes); throws a usage error when there is no terminal to ask on.</summary>
    public bool Confirm(string question)
    {
        if (Parse.GetValue(_options.Yes))
        {
            return true;
        }

        if (!Environment.InputIsTerminal)
        {
            throw CliException.Usage($"{question} needs a confirmation and there is no terminal to ask on; pass --yes.");
        }

        return Printer.Console.Confirm(question, defaultValue: false);
    }

    /// <inheritdoc />
    public void Dispose() => _connection?.Dispose();
}
