using DePinGpu.TestSupport;

namespace DePinGpu.TenantCli.Tests.Support;

/// <summary><c>depin</c> as a separate process (the built program), for commands that stream while the test acts.</summary>
public static class CliProcess
{
    /// <summary>The built program next to the test assembly.</summary>
    public static string Program => Path.Combine(AppContext.BaseDirectory, "depin.dll");

    /// <summary>Starts <c>depin</c> with <paramref name="arguments"/> and the tenant's home folder (its config and wallets).</summary>
    public static ExternalProcess Start(CliHarness cli, params string[] arguments) =>
        ExternalProcess.Start("dotnet", [Program, .. arguments], environment: new Dictionary<string, string> { ["HOME"] = cli.Home, ["NO_COLOR"] = "1" });
}
