using System.CommandLine;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Completion;

namespace DePinGpu.TenantCli.Commands;

/// <summary><c>depin completion bash|zsh|pwsh</c>: prints the shell's completion script.</summary>
internal static class CompletionCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandRunner runner)
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or pwsh." };
        shell.AcceptOnlyFromAmong([.. CompletionScripts.Shells]);
        var command = new Command(
            "completion",
            "Prints a shell completion script; it asks depin itself for suggestions. bash: source <(depin completion bash); zsh: source <(depin completion zsh); PowerShell: depin completion pwsh | Out-String | Invoke-Expression.")
        {
            shell,
        };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            await context.Environment.Output.WriteAsync(CompletionScripts.For(context.Parse.GetValue(shell)!).AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
