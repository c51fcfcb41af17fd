using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using DePinGpu.TenantCli.Commands;

namespace DePinGpu.TenantCli.Cli;

/// <summary>Builds the <c>depin</c> command tree and runs one command line.</summary>
internal static class CliApplication
{
    /// <summary>The command tree. Building it reads nothing and loads no chain code, so <c>--help</c> starts fast.</summary>
    public static RootCommand CreateRootCommand(CliEnvironment environment)
    {
        var options = new GlobalOptions();
        var runner = new CommandRunner(options, environment);
        var root = new RootCommand("depin: rent GPUs on the DePinGpu market: wallets, orders, leases, escrow and providers.");
        options.AddTo(root);
        root.Subcommands.Add(RunCommand.Create(runner));
        root.Subcommands.Add(WalletCommands.Create(runner));
        root.Subcommands.Add(DoctorCommand.Create(runner));
        root.Subcommands.Add(OrderCommands.Create(runner));
        root.Subcommands.Add(LeaseCommands.Create(runner));
        root.Subcommands.Add(EscrowCommand.Create(runner));
        root.Subcommands.Add(WithdrawCommand.Create(runner));
        root.Subcommands.Add(ProvidersCommand.Create(runner));
        root.Subcommands.Add(LogsCommand.Create(runner));
        root.Subcommands.Add(CheckpointCommands.Create(runner));
        root.Subcommands.Add(Demo.DemoCommand.Create(runner));
        root.Subcommands.Add(Gateway.GatewayCommand.Create(runner));
        root.Subcommands.Add(CompletionCommand.Create(runner));
        if (!root.Directives.OfType<SuggestDirective>().Any())
        {
            root.Directives.Add(new SuggestDirective());
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (docs/cli.md).</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var root = CreateRootCommand(environment);
        var parse = root.Parse(args);

        // The suggest directive (shell completion) parses partial lines: their errors are expected, not the user's.
        var suggesting = root.Directives.OfType<SuggestDirective>().Any(directive => parse.Action == directive.Action);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction && !suggesting)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync("depin: error: " + error.Message).ConfigureAwait(false);
            }

            await environment.Error.WriteLineAsync($"Run `{CommandPath(parse.CommandResult)} --help` for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = environment.Output, Error = environment.Error }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"depin order create" for the command a result belongs to.</summary>
    public static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(current.Parent is null ? "depin" : current.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
