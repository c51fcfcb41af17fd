using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Tests.Support;

/// <summary>
/// Runs <c>depin</c> in-process against a private home folder and environment (nothing global is read or changed):
/// stdout and stderr are captured; stdin and stdout are not terminals unless a test says so.
/// </summary>
public sealed class CliHarness : IDisposable
{
    /// <summary>Creates a harness with an empty home folder.</summary>
    public CliHarness() => Directory.CreateDirectory(Home);

    /// <summary>The home folder (holds .depin/config.json and .depin/wallets when a test writes them).</summary>
    public string Home { get; } = Path.Combine(Path.GetTempPath(), "depin-cli-" + Guid.NewGuid().ToString("N"));

    /// <summary>Environment variables the runs see.</summary>
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="args"/>, with <paramref name="input"/> as stdin.</summary>
    public async Task<CliResult> RunAsync(string[] args, string input = "")
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, new StringReader(input), Variables, Home, OutputIsTerminal: false, InputIsTerminal: false);
        var exitCode = await CliApplication.RunAsync(args, environment, CancellationToken.None);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the command line split on spaces.</summary>
    public Task<CliResult> RunAsync(string commandLine) => RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Writes <c>~/.depin/config.json</c>.</summary>
    public string WriteConfig(string json)
    {
        var path = Path.Combine(Home, ".depin", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Writes a file under the home folder and returns its path.</summary>
    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(Home, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(Home))
        {
            Directory.Delete(Home, recursive: true);
        }
    }
}
