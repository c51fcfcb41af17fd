using System.CommandLine;

namespace DePinGpu.TenantCli.Cli;

/// <summary>The options every command takes (recursive on the root): configuration overrides, output form, --yes.</summary>
internal sealed class GlobalOptions
{
    /// <summary>The config file (else DEPIN_CONFIG, else ~/.depin/config.json).</summary>
    public Option<string?> Config { get; } = new("--config") { Description = "Config file (default: $DEPIN_CONFIG, else ~/.depin/config.json).", Recursive = true };

    /// <summary>Overrides rpcUrl.</summary>
    public Option<string?> RpcUrl { get; } = new("--rpc-url") { Description = "JSON-RPC endpoint of the chain (overrides rpcUrl).", Recursive = true };

    /// <summary>Overrides chainId.</summary>
    public Option<string?> ChainId { get; } = new("--chain-id") { Description = "Chain id the RPC must report (overrides chainId).", Recursive = true };

    /// <summary>Overrides deployment.</summary>
    public Option<string?> Deployment { get; } = new("--deployment") { Description = "deployments/<chainId>.json file (overrides deployment).", Recursive = true };

    /// <summary>Overrides wallet.</summary>
    public Option<string?> Wallet { get; } = new("--wallet", "-w") { Description = "Wallet name to use (overrides wallet).", Recursive = true };

    /// <summary>Overrides walletDirectory.</summary>
    public Option<string?> WalletDirectory { get; } = new("--wallet-dir") { Description = "Folder of v3 keystores <name>.json (overrides walletDirectory).", Recursive = true };

    /// <summary>Overrides passwordFile.</summary>
    public Option<string?> PasswordFile { get; } = new("--password-file") { Description = "File holding the wallet password (overrides passwordFile; else $DEPIN_PASSWORD, else a prompt).", Recursive = true };

    /// <summary>Overrides gateways.</summary>
    public Option<string[]> Gateways { get; } = new("--gateway") { Description = "Node API base URL to use as a gateway (repeatable; overrides gateways).", Recursive = true };

    /// <summary>text or json.</summary>
    public Option<string> Output { get; } = CreateOutputOption();

    /// <summary>Ids only.</summary>
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only ids (one a line).", Recursive = true };

    /// <summary>No prompts.</summary>
    public Option<bool> Yes { get; } = new("--yes", "-y") { Description = "Answer yes to every confirmation (no prompts).", Recursive = true };

    /// <summary>Adds every option to <paramref name="root"/>.</summary>
    public void AddTo(Command root)
    {
        foreach (var option in new Option[] { Config, RpcUrl, ChainId, Deployment, Wallet, WalletDirectory, PasswordFile, Gateways, Output, Quiet, Yes })
        {
            root.Options.Add(option);
        }
    }

    private static Option<string> CreateOutputOption()
    {
        var option = new Option<string>("--output", "-o") { Description = "Output format: text or json.", DefaultValueFactory = _ => "text", Recursive = true };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }
}
