using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli;

/// <summary>The <c>depin</c> executable: the tenant's command line for the DePinGpu market.</summary>
public static class Program
{
    /// <summary>Runs one command and returns its exit code (docs/cli.md lists them).</summary>
    public static Task<int> Main(string[] args) => CliApplication.RunAsync(args, CliEnvironment.FromProcess(), CancellationToken.None);
}
