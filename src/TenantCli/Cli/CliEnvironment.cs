namespace DePinGpu.TenantCli.Cli;

/// <summary>
/// What a command sees of the process: its streams, environment variables, home directory and whether it talks to a
/// terminal. Tests pass their own so a command runs in-process with nothing global touched.
/// </summary>
/// <param name="Output">Where results go (stdout).</param>
/// <param name="Error">Where errors and progress go (stderr).</param>
/// <param name="Input">Where prompts read from (stdin).</param>
/// <param name="Variables">Environment variables.</param>
/// <param name="HomeDirectory">The user's home (for <c>~/.depin</c>).</param>
/// <param name="OutputIsTerminal">True when stdout is a terminal (colours and tables for people).</param>
/// <param name="InputIsTerminal">True when stdin is a terminal (prompts are possible).</param>
internal sealed record CliEnvironment(
    TextWriter Output,
    TextWriter Error,
    TextReader Input,
    IReadOnlyDictionary<string, string> Variables,
    string HomeDirectory,
    bool OutputIsTerminal,
    bool InputIsTerminal)
{
    /// <summary>The real process's streams and environment.</summary>
    public static CliEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        return new CliEnvironment(
            Console.Out,
            Console.Error,
            Console.In,
            variables,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            !Console.IsOutputRedirected,
            !Console.IsInputRedirected);
    }

    /// <summary>The value of <paramref name="name"/>, or null when unset or empty.</summary>
    public string? Variable(string name) => Variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>True when colours may be used: stdout is a terminal, <c>NO_COLOR</c> is unset and <c>TERM</c> is not dumb.</summary>
    public bool UsesColour => OutputIsTerminal && Variable("NO_COLOR") is null && Variable("TERM") != "dumb";
}
