using System.CommandLine;
using System.Globalization;
using DePinGpu.Protocol.Clients;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Orders;
using DePinGpu.TenantCli.Providers;
using DePinGpu.TenantCli.Views;

namespace DePinGpu.TenantCli.Commands;

/// <summary><c>depin providers [filter…]</c>: registered providers from the registry, with price and liveness from the capacity gossip, filtered.</summary>
internal static class ProvidersCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandRunner runner)
    {
        var filter = new Argument<string[]>("filter")
        {
            Description = "Terms that must all hold: gpu=RTX4090 gpus>=2 vram>=24 stake>=100 jailed=false live=true price<0.5 seen<60 "
                + "(price: tokens per GPU-hour, seen: seconds since its capacity gossip was heard; both as the configured nodes heard it, and never true for a provider they have not heard).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command(
            "providers",
            "Lists registered providers: GPU model, count, VRAM, stake, jail state and on-chain liveness from the registry; price, free GPUs and when it was last heard from the capacity gossip, asked of the configured nodes (GET /network/capacity). Filtered by an expression.")
        {
            filter,
        };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var parsed = ProviderFilterParser.Parse(string.Join(' ', context.Parse.GetValue(filter) ?? []));
            if (parsed.Filter is null)
            {
                throw CliException.Usage(parsed.Error!);
            }

            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            using var reader = new NetworkCapacityReader();
            var capacity = await reader.ReadAsync(context.Config.Gateways, cancellationToken).ConfigureAwait(false);
            foreach (var problem in reader.Problems)
            {
                context.Printer.Note("capacity gossip: " + problem);
            }

            var now = DateTimeOffset.UtcNow;
            var registry = chain.Registry();
            var rows = new List<(ProviderDetails Details, bool Live, CapacityReport? Heard)>();
            foreach (var owner in await registry.ListProvidersAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await registry.GetProviderAsync(owner, cancellationToken).ConfigureAwait(false) is { } details)
                {
                    var live = await registry.IsLiveAsync(owner, cancellationToken).ConfigureAwait(false);
                    var heard = capacity.GetValueOrDefault(details.Owner);
                    if (parsed.Filter.Matches(Row(details, live, heard, now)))
                    {
                        rows.Add((details, live, heard));
                    }
                }
            }

            context.Printer.Table(
                rows,
                [
                    new("OWNER", r => r.Details.Owner), new("GPU", r => r.Details.GpuModel), new("COUNT", r => r.Details.GpuCount.ToString(CultureInfo.InvariantCulture)),
                    new("VRAM", r => r.Details.VramGb + " GB"), new("STAKE", r => TokenAmount.Format(r.Details.Stake)),
                    new("JAILED", r => r.Details.Jailed ? "yes" : "no"), new("LIVE", r => r.Live ? "yes" : "no"),
                    new("PRICE/GPU-H", r => r.Heard is { } heard ? TokenAmount.PerHour(heard.PricePerGpuSecondWei) : "-"),
                    new("FREE", r => r.Heard?.FreeGpus.ToString(CultureInfo.InvariantCulture) ?? "-"),
                    new("SEEN", r => r.Heard is { } heard ? Ago(now - heard.SeenAt) : "never"),
                ],
                r => ToView(r.Details, r.Live, r.Heard),
                r => r.Details.Owner);
            return ExitCodes.Success;
        });
        return command;
    }

    private static ProviderRow Row(ProviderDetails details, bool live, CapacityReport? heard, DateTimeOffset now) => new(
        details.Owner, details.GpuModel, details.GpuCount, details.VramGb, details.Stake, details.Jailed, live,
        heard is null ? null : PerGpuHour(heard),
        heard is null ? null : (decimal)Math.Max(0, (now - heard.SeenAt).TotalSeconds));

    private static decimal PerGpuHour(CapacityReport heard)
    {
        var weiPerHour = heard.PricePerGpuSecondWei * 3600;
        return weiPerHour > new System.Numerics.BigInteger(decimal.MaxValue) ? decimal.MaxValue : (decimal)weiPerHour / (decimal)TokenAmount.OneToken;
    }

    private static ProviderView ToView(ProviderDetails details, bool live, CapacityReport? heard) => new(
        details.Owner, details.Operator, details.PeerId?.ToString(), details.GpuModel, details.GpuCount, details.VramGb,
        ViewMapping.Wei(details.Stake), ViewMapping.Wei(details.FreeStake), details.Jailed, live, details.LastHeartbeat, details.MetadataCid?.ToString(),
        heard is null ? null : new ProviderCapacityView(
            TokenAmount.PerHour(heard.PricePerGpuSecondWei), ViewMapping.Wei(heard.PricePerGpuSecondWei), heard.FreeGpus, heard.SeenAt, heard.ReportedBy.ToString()));

    private static string Ago(TimeSpan age) => age.TotalSeconds < 1 ? "now" : DurationText.Format(age) + " ago";
}
