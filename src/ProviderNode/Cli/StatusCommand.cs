using DePinGpu.ProviderNode.Commands;
using System.CommandLine;
using System.Text.Json;
using DePinGpu.ProviderNode.Api;
using Microsoft.Extensions.Configuration;

namespace DePinGpu.ProviderNode.Cli;

/// <summary><c>depin-node status</c>: asks the running daemon, or with <c>--offline</c> the chain.</summary>
public static class StatusCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions common)
    {
        ArgumentNullException.ThrowIfNull(common);
        var offline = new Option<bool>("--offline") { Description = "Read the provider from the chain instead of asking the daemon." };
        var command = new Command("status", "Prints stake, jail state, last heartbeat, earnings and (from the daemon) leases by state.")
        {
            common.Config, common.Output, offline,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            var format = CommandOutput.Format(parse.GetValue(common.Output));
            var configFile = parse.GetValue(common.Config)!;
            var fields = parse.GetValue(offline)
                ? await FromChainAsync(configFile, cancellationToken).ConfigureAwait(false)
                : await FromDaemonAsync(configFile, cancellationToken).ConfigureAwait(false);
            CommandOutput.Print(format, fields);
            return 0;
        }));
        return command;
    }

    private static async Task<IReadOnlyDictionary<string, object?>> FromChainAsync(string configFile, CancellationToken cancellationToken)
    {
        using var session = await ChainSession.OpenAsync(configFile, cancellationToken).ConfigureAwait(false);
        var operatorKey = await session.OperatorKeyAsync(cancellationToken).ConfigureAwait(false);
        var registry = session.Connection.Registry();
        var owner = await registry.ProviderOfOperatorAsync(operatorKey.Address, cancellationToken).ConfigureAwait(false)
            ?? throw new CommandInputException($"The operator {operatorKey.Address} is not registered; run depin-node register.");
        var provider = (await registry.GetProviderAsync(owner, cancellationToken).ConfigureAwait(false))!;
        var earnings = await session.Connection.Market().WithdrawableAsync(owner, cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, object?>
        {
            ["owner"] = owner,
            ["operator"] = provider.Operator,
            ["stake"] = provider.Stake.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["lockedStake"] = provider.LockedStake.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["unbondingStake"] = provider.UnbondingStake.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["jailed"] = provider.Jailed,
            ["lastHeartbeat"] = provider.LastHeartbeat,
            ["earnings"] = earnings.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static async Task<IReadOnlyDictionary<string, object?>> FromDaemonAsync(string configFile, CancellationToken cancellationToken)
    {
        var api = NodeConfiguration.Load(configFile).GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        using var http = new HttpClient { BaseAddress = api.Url, Timeout = TimeSpan.FromSeconds(10) };
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("/status", UriKind.Relative), cancellationToken).ConfigureAwait(false));
        return document.RootElement.EnumerateObject().ToDictionary(property => property.Name, property => (object?)property.Value.Clone());
    }
}
