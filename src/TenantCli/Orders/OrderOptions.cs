using System.CommandLine;
using System.Globalization;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Orders;

/// <summary>The options that turn a spec into an order (order create, run), and the checks on them.</summary>
internal sealed class OrderOptions
{
    /// <summary>Standbys a Stateful job gets unless --standbys says otherwise (docs/design.md: default 2).</summary>
    public const int DefaultStatefulStandbys = 2;

    /// <summary>The spec file.</summary>
    public Argument<string> Spec { get; } = new("spec") { Description = "Job spec file (job.json, docs/job-spec.md)." };

    /// <summary>Highest price per replica, tokens per hour.</summary>
    public Option<string> MaxPrice { get; } = new("--max-price") { Description = "Highest price per replica in tokens per hour (e.g. 0.5).", Required = true };

    /// <summary>Longest run.</summary>
    public Option<string> Duration { get; } = new("--duration") { Description = "Longest the leases run (e.g. 2h, 30m, 1d).", Required = true };

    /// <summary>GPU model.</summary>
    public Option<string> Gpu { get; } = new("--gpu") { Description = "Required GPU model, e.g. RTX4090 (default: any).", DefaultValueFactory = _ => string.Empty };

    /// <summary>Minimum VRAM.</summary>
    public Option<uint> Vram { get; } = new("--vram") { Description = "Minimum VRAM per GPU in GB (default: any)." };

    /// <summary>Replicas.</summary>
    public Option<int> Replicas { get; } = new("--replicas") { Description = "Replicas (leases), 1 to 255.", DefaultValueFactory = _ => 1 };

    /// <summary>Standbys.</summary>
    public Option<int?> Standbys { get; } = new("--standbys") { Description = $"Runner-up providers kept in reserve (default: {DefaultStatefulStandbys} for a Stateful job, 0 for a service)." };

    /// <summary>Offer window.</summary>
    public Option<string> BidWindow { get; } = new("--bid-window") { Description = "How long offers are accepted (e.g. 60s).", DefaultValueFactory = _ => "60s" };

    /// <summary>Escrow.</summary>
    public Option<string?> Escrow { get; } = new("--escrow") { Description = "Tokens to deposit (default: replicas x max price x duration)." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Arguments.Add(Spec);
        foreach (var option in new Option[] { MaxPrice, Duration, Gpu, Vram, Replicas, Standbys, BidWindow, Escrow })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The order for <paramref name="spec"/>; throws a usage error for a value out of range (nothing is sent).</summary>
    public OrderRequest ToRequest(ParseResult parse, SpecFile spec)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(spec);
        var replicas = InRange(parse.GetValue(Replicas), 1, byte.MaxValue, "--replicas");
        var standbys = InRange(parse.GetValue(Standbys) ?? (spec.Kind == OrderKind.Stateful ? DefaultStatefulStandbys : 0), 0, byte.MaxValue, "--standbys");
        if (spec.Kind == OrderKind.Stateful && spec.Spec.Checkpoint.Replicas > standbys)
        {
            throw CliException.Usage($"The spec asks for {spec.Spec.Checkpoint.Replicas} checkpoint replicas, which need at least as many standbys; pass --standbys {spec.Spec.Checkpoint.Replicas} or lower checkpoint.replicas.");
        }

        // The market rents whole GPUs: a spec that asks for none (a devnet process job) is ordered with one.
        var gpus = Math.Max(1, spec.Spec.Resources.Gpus);
        var pricePerSecond = TokenAmount.PerSecondFromHourly(TokenAmount.Parse(parse.GetValue(MaxPrice), "--max-price"));
        if (pricePerSecond.IsZero)
        {
            throw CliException.Usage("--max-price is below one wei per second; offer at least 0.0000000000000036 tokens per hour.");
        }

        var duration = DurationText.Parse(parse.GetValue(Duration), "--duration");
        var bidWindow = DurationText.Parse(parse.GetValue(BidWindow), "--bid-window");
        var escrowText = parse.GetValue(Escrow);
        var escrow = escrowText is null ? pricePerSecond * replicas * (long)duration.TotalSeconds : TokenAmount.Parse(escrowText, "--escrow");
        return new OrderRequest(spec.Cid, spec.Kind, parse.GetValue(Gpu) ?? string.Empty, parse.GetValue(Vram), (ushort)gpus, (byte)replicas, (byte)standbys, pricePerSecond, duration, bidWindow, escrow);
    }

    private static int InRange(int value, int low, int high, string name) =>
        value >= low && value <= high
            ? value
            : throw CliException.Usage($"{name} is {value.ToString(CultureInfo.InvariantCulture)}; it must be between {low} and {high}.");
}
