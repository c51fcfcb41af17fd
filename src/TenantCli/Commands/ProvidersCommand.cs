using System.CommandLine;
using System.Globalization;
using DePinGpu.Protocol.Clients;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Orders;
using DePinGpu.TenantCli.Providers;
using DePinGpu.TenantCli.Views;

namespace DePinGpu.TenantCli.Commands;

/// <summary><c>depin providers [filter…]</c>: registered providers from the registry, filtered.</summary>
internal static class ProvidersCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandRunner runner)
    {
        var filter = new Argument<string[]>("filter")
        {
            Description = "Terms that must all hold: gpu=RTX4090 gpus>=2 vram>=24 stake>=100 jailed=false live=true (price is not on-chain: see `depin order offers`).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("providers", "Lists registered providers: GPU model, count, VRAM, stake, jail state and liveness, filtered by an expression.") { filter };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var parsed = ProviderFilterParser.Parse(string.Join(' ', context.Parse.GetValue(filter) ?? []));
            if (parsed.Filter is null)
            {
                throw CliException.Usage(parsed.Error!);
            }

            if (parsed.Filter.Terms.Any(term => term.Field == FilterField.Price))
            {
                throw CliException.Usage("price is not known from the registry: providers publish prices as offers on an order (`depin order offers ORDER`), and this CLI does not read the capacity gossip yet. Drop the price term.");
            }

            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var registry = chain.Registry();
            var rows = new List<(ProviderDetails Details, bool Live)>();
            foreach (var owner in await registry.ListProvidersAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await registry.GetProviderAsync(owner, cancellationToken).ConfigureAwait(false) is { } details)
                {
                    var live = await registry.IsLiveAsync(owner, cancellationToken).ConfigureAwait(false);
                    if (parsed.Filter.Matches(new ProviderRow(details.Owner, details.GpuModel, details.GpuCount, details.VramGb, details.Stake, details.Jailed, live)))
                    {
                        rows.Add((details, live));
                    }
                }
            }

            context.Printer.Table(
                rows,
                [
                    new("OWNER", r => r.Details.Owner), new("GPU", r => r.Details.GpuModel), new("COUNT", r => r.Details.GpuCount.ToString(CultureInfo.InvariantCulture)),
                    new("VRAM", r => r.Details.VramGb + " GB"), new("STAKE", r => TokenAmount.Format(r.Details.Stake)),
                    new("JAILED", r => r.Details.Jailed ? "yes" : "no"), new("LIVE", r => r.Live ? "yes" : "no"),
                ],
                r => ToView(r.Details, r.Live),
                r => r.Details.Owner);
            return ExitCodes.Success;
        });
        return command;
    }

    private static ProviderView ToView(ProviderDetails details, bool live) => new(
        details.Owner, details.Operator, details.PeerId?.ToString(), details.GpuModel, details.GpuCount, details.VramGb,
        ViewMapping.Wei(details.Stake), ViewMapping.Wei(details.FreeStake), details.Jailed, live, details.LastHeartbeat, details.MetadataCid?.ToString());
}
