using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Nodes;
using DePinGpu.TenantCli.Output;

namespace DePinGpu.TenantCli.Demo;

/// <summary>
/// <c>depin demo</c>: against a running devnet (scripts/devnet.sh), a PyTorch job survives the kill -9 of its
/// provider. Prints what happens live, then the timeline, the money and a verdict; draws the loss chart; exits 1 when
/// a check failed.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var devnet = new Option<string?>("--devnet-dir") { Description = "The devnet's folder (default: $DEPIN_DEVNET_DIR, else ./.devnet)." };
        var script = new Option<string?>("--train-script") { Description = "samples/train/train.py for the Process runtime (default: found from the current folder up)." };
        var steps = new Option<int>("--steps") { Description = "The training job's steps, 200 to 100000.", DefaultValueFactory = _ => 1500 };
        var killAfter = new Option<int>("--kill-after") { Description = "Kill the active provider once this many checkpoints are committed, 1 to 20.", DefaultValueFactory = _ => 2 };
        var randomKill = new Option<bool>("--random-kill") { Description = "Kill at a random moment (0–6 s) after the first committed checkpoint instead (the recovery benchmark)." };
        var chart = new Option<string?>("--chart") { Description = "Where to write the loss chart (default: <devnet>/demo/demo.png)." };
        var command = new Command("demo", "Runs the failover demo on a running devnet: orders samples/train with 1 replica + 2 standbys, kills -9 the active provider after two committed checkpoints, shows the report, the hand-over and the resume from the checkpoint, lets the job finish, then prints the timeline, the money and a verdict and draws the loss chart. Exit 1 when a check failed.");
        foreach (var option in new Option[] { devnet, script, steps, killAfter, randomKill, chart })
        {
            command.Options.Add(option);
        }

        runner.Bind(command, async (context, cancellationToken) =>
        {
            var options = Options(context, devnet, script, steps, killAfter, randomKill, chart);
            return await RunAsync(context, options, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static DemoOptions Options(CommandContext context, Option<string?> devnet, Option<string?> script, Option<int> steps, Option<int> killAfter, Option<bool> randomKill, Option<string?> chart)
    {
        var folder = context.Parse.GetValue(devnet) ?? context.Environment.Variable("DEPIN_DEVNET_DIR") ?? Path.Combine(Directory.GetCurrentDirectory(), ".devnet");
        var stepCount = context.Parse.GetValue(steps);
        var kills = context.Parse.GetValue(killAfter);
        if (stepCount is < 200 or > 100_000 || kills is < 1 or > 20)
        {
            throw CliException.Usage("--steps must be 200 to 100000 and --kill-after 1 to 20.");
        }

        var train = context.Parse.GetValue(script) ?? FindTrainScript()
            ?? throw CliException.Usage("Cannot find samples/train/train.py from the current folder up; run from the repository or pass --train-script.");
        if (!File.Exists(train))
        {
            throw CliException.Usage($"--train-script {train} does not exist.");
        }

        return new DemoOptions(folder, Path.GetFullPath(train), stepCount, kills, context.Parse.GetValue(randomKill),
            Path.GetFullPath(context.Parse.GetValue(chart) ?? Path.Combine(folder, "demo", "demo.png")), TimeSpan.FromMinutes(15));
    }

    private static async Task<int> RunAsync(CommandContext context, DemoOptions options, CancellationToken cancellationToken)
    {
        var layout = DevnetLayout.Read(options.DevnetDirectory);
        var json = context.Printer.Mode == OutputMode.Json;
        var console = new DemoConsole(json ? context.Environment.Error : context.Environment.Output);
        console.Line($"DePinGpu failover demo: devnet {layout.Directory} ({layout.Nodes.Count} providers, {layout.Runtime} runtime), verifier {layout.Verifier}");
        var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
        var tenant = await context.UnlockWalletAsync(cancellationToken).ConfigureAwait(false);
        var (seen, before) = await new DemoScenario(context, options, layout, console).RunAsync(chain, tenant, cancellationToken).ConfigureAwait(false);
        var (money, moneyChecks) = await SettlementAudit.AuditAsync(chain, seen, layout, before, tenant.Address, cancellationToken).ConfigureAwait(false);
        var checks = FailoverChecks.Evaluate(seen, layout, options).Concat(moneyChecks).ToArray();
        DrawChart(options.ChartFile, seen);
        if (json)
        {
            context.Environment.Output.WriteLine(JsonSerializer.Serialize(DemoReport.Result(seen, money, checks, options.ChartFile), LogJson.Options));
        }

        DemoReport.Print(console, seen, layout, money, checks, options.ChartFile);
        return checks.All(check => check.Passed) ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    private static void DrawChart(string file, DemoObservations seen)
    {
        var lastCommitted = seen.Of<CheckpointCommitted>().Where(entry => entry.Event.Epoch == 0).Select(entry => (long)entry.Event.Step).DefaultIfEmpty(0).Max();
        var rows = DemoReport.TimelineRows(seen);
        string At(int row) => rows[row].AfterKill is { } seconds ? seconds.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " s" : "missing";
        var markers = new List<(string, long)>
        {
            ($"kill -9 {seen.KilledNode} (t = 0, step {seen.LastStepBeforeKill})", seen.LastStepBeforeKill),
            ($"last committed checkpoint, step {lastCommitted}; report mined {At(2)}", lastCommitted),
            ($"resume on the standby at step {lastCommitted + 1}, running {At(4)}", lastCommitted + 1),
        };
        var timeline = rows.Select(row => $"{(row.AfterKill is { } seconds ? seconds.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "missing"),7} s  {row.Moment}").ToList();
        LossChart.Write(file, seen.Losses, markers, timeline, "samples/train (PyTorch): loss across the kill -9 of its provider");
    }

    private static string? FindTrainScript()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "samples", "train", "train.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
