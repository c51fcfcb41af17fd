using DePinGpu.ProviderNode.Commands;
using System.CommandLine;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Api;
using DePinGpu.ProviderNode.Configuration;
using DePinGpu.ProviderNode.Inventory;
using DePinGpu.Protocol.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Cli;

/// <summary>The owner's commands: <c>register</c>, <c>stake add|unbond|withdraw</c>, <c>earnings withdraw</c>.</summary>
public static class OwnerCommands
{
    /// <summary>Creates <c>register</c>.</summary>
    public static Command Register(CommonOptions common)
    {
        ArgumentNullException.ThrowIfNull(common);
        var stake = new Option<string>("--stake") { Description = "Stake to bond, in token wei.", Required = true };
        var command = new Command("register", "The owner approves and stakes, and registers the node's operator key with its consent, GPUs and metadata.")
        {
            common.Config, common.Output, common.OwnerKeystore, common.OwnerPasswordFile, stake,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            var format = CommandOutput.Format(parse.GetValue(common.Output));
            var amount = ChainSession.Amount(parse.GetValue(stake), "--stake");
            using var session = await ChainSession.OpenAsync(parse.GetValue(common.Config)!, cancellationToken).ConfigureAwait(false);
            var owner = await ChainSession.OwnerKeyAsync(parse.GetValue(common.OwnerKeystore)!, parse.GetValue(common.OwnerPasswordFile), cancellationToken).ConfigureAwait(false);
            var operatorKey = await session.OperatorKeyAsync(cancellationToken).ConfigureAwait(false);
            var gpus = await ReadInventoryAsync(session.Configuration, cancellationToken).ConfigureAwait(false);
            var metadata = await WriteMetadataAsync(session.Configuration, operatorKey.PeerId.ToString(), cancellationToken).ConfigureAwait(false);
            var receipt = await session.Connection.Registry(owner).RegisterAsync(operatorKey, gpus.Model, (uint)gpus.Count, (uint)gpus.VramGb, metadata, amount, cancellationToken).ConfigureAwait(false);
            CommandOutput.Print(format, new Dictionary<string, object?>
            {
                ["owner"] = owner.Address,
                ["operator"] = operatorKey.Address,
                ["peerId"] = operatorKey.PeerId.ToString(),
                ["gpuModel"] = gpus.Model,
                ["gpuCount"] = gpus.Count,
                ["vramGb"] = gpus.VramGb,
                ["metadataCid"] = metadata.ToString(),
                ["transaction"] = receipt.TransactionHash,
            });
            return 0;
        }));
        return command;
    }

    /// <summary>Creates <c>stake add|unbond|withdraw</c>.</summary>
    public static Command Stake(CommonOptions common)
    {
        ArgumentNullException.ThrowIfNull(common);
        var command = new Command("stake", "Adds stake, requests an unbond, or withdraws unbonded stake (owner key).");
        command.Subcommands.Add(Owned(common, "add", "Adds stake.", withAmount: true, async (session, owner, amount, cancellationToken) =>
            (await session.Connection.Registry(owner).AddStakeAsync(amount, cancellationToken).ConfigureAwait(false)).TransactionHash));
        command.Subcommands.Add(Owned(common, "unbond", "Moves free stake into the unbonding queue.", withAmount: true, async (session, owner, amount, cancellationToken) =>
            (await session.Connection.Registry(owner).RequestUnbondAsync(amount, cancellationToken).ConfigureAwait(false)).TransactionHash));
        command.Subcommands.Add(Owned(common, "withdraw", "Withdraws unbonded stake whose period is over.", withAmount: false, async (session, owner, _, cancellationToken) =>
            (await session.Connection.Registry(owner).WithdrawUnbondedAsync(cancellationToken).ConfigureAwait(false)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return command;
    }

    /// <summary>Creates <c>earnings withdraw</c>.</summary>
    public static Command Earnings(CommonOptions common)
    {
        ArgumentNullException.ThrowIfNull(common);
        var command = new Command("earnings", "The provider's accrued payments.");
        command.Subcommands.Add(Owned(common, "withdraw", "Settles nothing; withdraws everything the market owes the owner.", withAmount: false, async (session, owner, _, cancellationToken) =>
            (await session.Connection.Market(owner).WithdrawAsync(cancellationToken).ConfigureAwait(false)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return command;
    }

    private static Command Owned(CommonOptions common, string name, string description, bool withAmount,
        Func<ChainSession, Protocol.Wallets.WalletKey, System.Numerics.BigInteger, CancellationToken, Task<string>> act)
    {
        var amount = new Option<string>("--amount") { Description = "Amount in token wei.", Required = withAmount };
        var command = new Command(name, description) { common.Config, common.Output, common.OwnerKeystore, common.OwnerPasswordFile };
        if (withAmount)
        {
            command.Options.Add(amount);
        }

        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            var format = CommandOutput.Format(parse.GetValue(common.Output));
            var value = withAmount ? ChainSession.Amount(parse.GetValue(amount), "--amount") : System.Numerics.BigInteger.Zero;
            using var session = await ChainSession.OpenAsync(parse.GetValue(common.Config)!, cancellationToken).ConfigureAwait(false);
            var owner = await ChainSession.OwnerKeyAsync(parse.GetValue(common.OwnerKeystore)!, parse.GetValue(common.OwnerPasswordFile), cancellationToken).ConfigureAwait(false);
            var result = await act(session, owner, value, cancellationToken).ConfigureAwait(false);
            CommandOutput.Print(format, new Dictionary<string, object?> { ["owner"] = owner.Address, [withAmount ? "transaction" : "amount"] = result });
            return 0;
        }));
        return command;
    }

    private static async Task<(string Model, int Count, long VramGb)> ReadInventoryAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var options = configuration.GetSection(InventoryOptions.Section).Get<InventoryOptions>() ?? new InventoryOptions();
        var snapshot = await new GpuInventory(Options.Create(options), NullLogger<GpuInventory>.Instance).ReadAsync(cancellationToken).ConfigureAwait(false);
        var (capacity, problem) = GpuCapacity.Of(snapshot);
        return capacity is null ? throw new CommandInputException(problem!) : (capacity.Model, capacity.Count, capacity.VramGb);
    }

    /// <summary>Writes the node's metadata document (API URL, peer id, multiaddrs) to the data directory and returns its CID.</summary>
    private static async Task<Cid> WriteMetadataAsync(IConfiguration configuration, string peerId, CancellationToken cancellationToken)
    {
        var api = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        var multiaddrs = configuration.GetSection("Node:Multiaddrs").Get<string[]>() ?? [];
        var listed = multiaddrs.Select(text => Multiaddr.TryParse(text, out var multiaddr) ? multiaddr! : throw new CommandInputException($"Node:Multiaddrs has '{text}', which is not a multiaddr (e.g. /ip4/203.0.113.5/tcp/4001)."));
        var bytes = new ProviderMetadata(api.Url, PeerId.Parse(peerId), [.. listed]).ToDocument();
        var node = configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
        Directory.CreateDirectory(node.DataDirectory);
        await File.WriteAllBytesAsync(Path.Combine(node.DataDirectory, "metadata.json"), bytes, cancellationToken).ConfigureAwait(false);
        return Cid.ForBlock(MulticodecCode.Raw, bytes);
    }
}
