using System.Globalization;
using DePinGpu.Protocol.Deployment;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Configuration;
using DePinGpu.TenantCli.Views;
using DePinGpu.TenantCli.Wallets;

namespace DePinGpu.TenantCli.Commands;

/// <summary>The checks of <c>depin doctor</c>, in order; each returns its line and never stops the others.</summary>
internal sealed class DoctorChecks
{
    private readonly CommandContext _context;
    private readonly List<DoctorCheckView> _results = [];
    private CancellationToken _cancellation;

    /// <summary>Creates the checks for one run.</summary>
    public DoctorChecks(CommandContext context) => _context = context;

    /// <summary>Runs every check and returns the lines.</summary>
    public async Task<IReadOnlyList<DoctorCheckView>> RunAsync(CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
        if (!Check("config", "Fix the config file; its keys are rpcUrl, chainId, deployment, walletDirectory, wallet, passwordFile, gateways.", () => ConfigLine(_context.Config)))
        {
            return _results;
        }

        var config = _context.Config;
        var chainId = await CheckAsync("rpc", "Start the chain (scripts/devnet.sh) or fix rpcUrl and chainId.", () => RpcAsync(config, cancellationToken)).ConfigureAwait(false);
        var deployment = await CheckAsync("deployment", "Deploy the contracts or point deployment at deployments/<chainId>.json of this chain.", () => DeploymentAsync(config, chainId, cancellationToken)).ConfigureAwait(false);
        var address = Check("wallet", "Create a wallet (`depin wallet new NAME`) and set wallet in the config (or DEPIN_WALLET).", () => WalletLine(config));
        if (chainId is not null && deployment is not null && address is not null)
        {
            await CheckAsync("balances", "Fund the wallet (on the devnet: `depin wallet fund`).", () => BalancesAsync(address, cancellationToken)).ConfigureAwait(false);
            await CheckAsync("allowance", "Use a deployment whose token takes EIP-2612 permits, or approve the market for each order's escrow before `depin order create`.", () => AllowanceAsync(address, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var gateway in config.Gateways)
        {
            await CheckAsync("node " + gateway, "Start depin-node run there, or remove the URL from gateways.", () => GatewayAsync(gateway, cancellationToken)).ConfigureAwait(false);
        }

        if (config.Gateways.Count == 0)
        {
            _results.Add(new("nodes", "warn", "no gateways configured", "Add node API URLs to gateways in the config so depin can fetch metadata, checkpoints and logs."));
        }

        return _results;
    }

    private static (string Detail, string Value) ConfigLine(TenantConfig config) =>
        (config.Source is null ? "no config file; using environment and flags" : "read " + config.Source, "ok");

    private static async Task<(string Detail, ulong? Value)> RpcAsync(TenantConfig config, CancellationToken cancellationToken)
    {
        var url = config.RpcUrl ?? throw CliException.Configuration("No rpcUrl configured: set rpcUrl in the config, DEPIN_RPC_URL or --rpc-url.");
        using var rpc = new EthereumRpc(url, TimeSpan.FromSeconds(5));
        var chainId = await rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        var block = await rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        if (config.ChainId is { } expected && expected != chainId)
        {
            throw CliException.Configuration($"{url} is chain {chainId} but chainId is {expected}: point rpcUrl at the right chain or fix chainId.");
        }

        return ($"{url} answers: chain {chainId}, block {block}", chainId);
    }

    private async Task<(string Detail, DeploymentInfo Value)> DeploymentAsync(TenantConfig config, ulong? chainId, CancellationToken cancellationToken)
    {
        var path = config.Deployment ?? throw CliException.Configuration("No deployment file configured: set deployment in the config, DEPIN_DEPLOYMENT or --deployment.");
        var deployment = await DeploymentFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (chainId is { } actual && deployment.ChainId != actual)
        {
            throw CliException.Configuration($"{path} is for chain {deployment.ChainId} but the RPC is chain {actual}: use deployments/{actual}.json.");
        }

        if (chainId is not null)
        {
            await _context.ChainAsync(cancellationToken).ConfigureAwait(false);
        }

        return ($"{path}: market {deployment.Contracts.Market}, registry {deployment.Contracts.Registry}", deployment);
    }

    private string WalletLine(TenantConfig config)
    {
        var entry = _context.Wallets.Find(_context.WalletName);
        var password = config.PasswordFile is not null ? "password file " + config.PasswordFile
            : _context.Environment.Variable(PasswordSource.Variable) is not null ? "password from " + PasswordSource.Variable
            : "password will be prompted for";
        _results.Add(new("wallet", "ok", $"{entry.Name} {entry.Address} ({password})", string.Empty));
        return entry.Address;
    }

    private async Task<(string Detail, bool Value)> BalancesAsync(string address, CancellationToken cancellationToken)
    {
        var chain = await _context.ChainAsync(cancellationToken).ConfigureAwait(false);
        var ether = await chain.Rpc.GetBalanceAsync(address, cancellationToken).ConfigureAwait(false);
        var tokens = await chain.Token().BalanceOfAsync(address, cancellationToken).ConfigureAwait(false);
        var detail = $"{TokenAmount.Format(ether)} ETH, {TokenAmount.Format(tokens)} tokens";
        if (ether.IsZero || tokens.IsZero)
        {
            var fix = chain.Deployment.ChainId == TenantConfig.DevnetChainId ? "Run `depin wallet fund`." : "Send ether for gas and tokens for escrow to " + address + ".";
            throw new CliException(detail + ". " + fix, ExitCodes.CheckFailed);
        }

        return (detail, true);
    }

    /// <summary>
    /// What the market may take from the wallet now, and whether the token takes permits: orders deposit their escrow
    /// with a signed permit (no approval), top-ups approve what they need; without permits every order needs an approval.
    /// </summary>
    private async Task<(string Detail, bool Value)> AllowanceAsync(string address, CancellationToken cancellationToken)
    {
        var chain = await _context.ChainAsync(cancellationToken).ConfigureAwait(false);
        var token = chain.Token();
        var allowance = await token.AllowanceAsync(address, chain.Deployment.Contracts.Market, cancellationToken).ConfigureAwait(false);
        string domain;
        try
        {
            var (name, version) = await token.Eip712DomainAsync(cancellationToken).ConfigureAwait(false);
            await token.PermitNonceAsync(address, cancellationToken).ConfigureAwait(false);
            domain = $"\"{name}\" version {version}";
        }
        catch (ContractRevertException)
        {
            throw new CliException($"the market may take {TokenAmount.Format(allowance)} tokens, but the token {chain.Deployment.Contracts.StakeToken} takes no EIP-2612 permit, so `depin order create` cannot deposit with one.", ExitCodes.CheckFailed);
        }

        return ($"the market may take {TokenAmount.Format(allowance)} tokens without asking; the token takes permits ({domain}), so orders need no approval and top-ups approve what they add", true);
    }

    private static async Task<(string Detail, bool Value)> GatewayAsync(Uri gateway, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        using var response = await http.GetAsync(new Uri(gateway, "status"), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new CliException($"{gateway} answered {(int)response.StatusCode} to GET /status: is it a depin-node API URL?", ExitCodes.NodeUnreachable);
        }

        return ($"{gateway} answers ({((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)})", true);
    }

    private T? Check<T>(string name, string fix, Func<(string Detail, T Value)> check)
    {
        try
        {
            var (detail, value) = check();
            _results.Add(new(name, "ok", detail, string.Empty));
            return value;
        }
        catch (Exception exception) when (!_cancellation.IsCancellationRequested)
        {
            Fail(name, fix, exception);
            return default;
        }
    }

    private bool Check(string name, string fix, Func<(string Detail, string Value)> check) => Check<string>(name, fix, check) is not null;

    private string? Check(string name, string fix, Func<string> check)
    {
        try
        {
            return check();
        }
        catch (Exception exception) when (!_cancellation.IsCancellationRequested)
        {
            Fail(name, fix, exception);
            return null;
        }
    }

    private async Task<T?> CheckAsync<T>(string name, string fix, Func<Task<(string Detail, T Value)>> check)
    {
        try
        {
            var (detail, value) = await check().ConfigureAwait(false);
            _results.Add(new(name, "ok", detail, string.Empty));
            return value;
        }
        catch (Exception exception) when (!_cancellation.IsCancellationRequested)
        {
            Fail(name, fix, exception);
            return default;
        }
    }

    private void Fail(string name, string fix, Exception exception)
    {
        // Each failure becomes its line (what is wrong and what to fix); the other checks still run.
        var (sentence, _) = ErrorReporter.Describe(exception);
        _results.Add(new(name, "fail", sentence, fix));
    }
}
