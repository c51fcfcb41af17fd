using System.Globalization;
using System.Numerics;
using DePinGpu.ProviderNode.Configuration;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Wallets;
using Microsoft.Extensions.Configuration;

namespace DePinGpu.ProviderNode.Cli;

/// <summary>What the one-shot commands need: the checked chain connection and the keys, from the node's config.</summary>
public sealed class ChainSession : IDisposable
{
    /// <summary>The environment variable that may hold the owner keystore's password.</summary>
    public const string OwnerPasswordVariable = "DEPIN_OWNER_PASSWORD";

    private ChainSession(IConfiguration configuration, ProtocolConnection connection)
    {
        Configuration = configuration;
        Connection = connection;
    }

    /// <summary>The node's configuration.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>The checked connection.</summary>
    public ProtocolConnection Connection { get; }

    /// <summary>Connects with the <c>Chain</c> section of <paramref name="configFile"/>.</summary>
    public static async Task<ChainSession> OpenAsync(string configFile, CancellationToken cancellationToken)
    {
        var configuration = NodeConfiguration.Load(configFile);
        var chain = configuration.GetSection("Chain").Get<ChainOptions>()
            ?? throw new CommandInputException($"{configFile} has no Chain section; add Chain:RpcUrl, Chain:ChainId and Chain:DeploymentFile.");
        return new ChainSession(configuration, await ProtocolConnection.ConnectAsync(chain, null, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The operator key of the node's keystore.</summary>
    public Task<WalletKey> OperatorKeyAsync(CancellationToken cancellationToken)
    {
        var node = Configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
        return OperatorKeyLoader.UnlockAsync(node.OperatorKeystore, node.PasswordFile, OperatorKeyLoader.OperatorPasswordVariable, cancellationToken);
    }

    /// <summary>The owner key.</summary>
    public static Task<WalletKey> OwnerKeyAsync(string keystore, string? passwordFile, CancellationToken cancellationToken) =>
        OperatorKeyLoader.UnlockAsync(keystore, passwordFile, OwnerPasswordVariable, cancellationToken);

    /// <summary>An amount of token wei given on the command line.</summary>
    public static BigInteger Amount(string? text, string option) =>
        BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0
            ? amount
            : throw new CommandInputException($"{option} must be a positive whole number of token wei, not '{text}'.");

    /// <inheritdoc />
    public void Dispose() => Connection.Dispose();
}
