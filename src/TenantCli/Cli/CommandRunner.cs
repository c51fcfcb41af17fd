using System.CommandLine;

namespace DePinGpu.TenantCli.Cli;

/// <summary>Runs a command's body with a <see cref="CommandContext"/>, turning its failures into a sentence on stderr and an exit code.</summary>
internal sealed class CommandRunner
{
    private readonly GlobalOptions _options;
    private readonly CliEnvironment _environment;

    /// <summary>Creates the runner.</summary>
    public CommandRunner(GlobalOptions options, CliEnvironment environment)
    {
        _options = options;
        _environment = environment;
    }

    /// <summary>Sets <paramref name="body"/> as the action of <paramref name="command"/>.</summary>
    public void Bind(Command command, Func<CommandContext, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, body, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, Func<CommandContext, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        using var context = new CommandContext(parse, _options, _environment);
        try
        {
            return await body(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            var (sentence, exitCode) = ErrorReporter.Describe(exception);
            await _environment.Error.WriteLineAsync("depin: error: " + sentence).ConfigureAwait(false);
            return exitCode;
        }
    }
}
