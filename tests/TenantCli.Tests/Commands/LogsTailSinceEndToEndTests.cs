using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.TenantCli.Tests.Support;
using DePinGpu.TestSupport;
using Xunit.Abstractions;

namespace DePinGpu.TenantCli.Tests.Commands;

/// <summary>
/// <c>depin logs --tail N</c> and <c>--since D</c> against a real <c>depin-node</c> (Process runtime) whose workload
/// prints five "early" lines, waits for a file the test creates once they are old, then prints three "late" lines.
/// The node's log API pages by sequence only (<c>?after=N</c>); the CLI cuts by count and by the node's line times.
/// </summary>
public sealed class LogsTailSinceEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly ITestOutputHelper _output;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-cli-logs-" + Guid.NewGuid().ToString("N"));
    private DevnetChain _chain = null!;
    private string _gateway = string.Empty;

    public LogsTailSinceEndToEndTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _chain = await DevnetChain.StartAsync();

    public async Task DisposeAsync()
    {
        WorkloadProcesses.KillUnder(_directory);
        await _chain.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Logs_TailAndSince_CutARealNodesLinesByCountAndByAge()
    {
        var node = await ProviderNodeProcess.RegisterAsync(_chain, Path.Combine(_directory, "node"), "node", pricePerGpuSecond: 1000);
        await using var nodeProcess = await node.RunAsync(Patience);
        _gateway = " --gateway " + node.Api;
        using var tenant = await TenantSession.CreateAsync(_chain);
        var marker = Path.Combine(_directory, "print-late-lines");
        var spec = tenant.WriteSpec(new JsonObject
        {
            ["schemaVersion"] = 1,
            ["runtime"] = "process",
            // Bounded (sleep 600) so that an orphaned workload ends by itself even if the clean-up missed it.
            ["command"] = new JsonArray("/bin/sh", "-c", $"for i in 1 2 3 4 5; do echo early $i; done; while [ ! -e {marker} ]; do sleep 0.2; done; for i in 1 2 3; do echo late $i; done; sleep 600"),
            ["checkpoint"] = new JsonObject { ["replicas"] = 0 },
        }.ToJsonString());

        try
        {
            var leaseId = await RunUntilLineAsync(tenant, spec, node, "early 5");
            Assert.Equal(["early 1", "early 2", "early 3", "early 4", "early 5"], Texts(await LogsAsync(tenant, $"logs {leaseId}")));
            Assert.Equal(["early 4", "early 5"], Texts(await LogsAsync(tenant, $"logs {leaseId} --tail 2")));

            // The early lines must be well past the --since cut below before the late ones are printed.
            var earlyAt = (await LogsAsync(tenant, $"logs {leaseId} --tail 1"))[0].GetProperty("time").GetDateTimeOffset();
            await UntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow - earlyAt > TimeSpan.FromSeconds(40)), "the early lines are 40 s old");
            await File.WriteAllTextAsync(marker, "go");
            await UntilAsync(async () => Texts(await LogsAsync(tenant, $"logs {leaseId}")).Contains("late 3"), "the late lines are printed");

            var recent = await LogsAsync(tenant, $"logs {leaseId} --since 20s");
            Assert.Equal(["late 1", "late 2", "late 3"], Texts(recent));
            Assert.All(recent, line => Assert.True(line.GetProperty("time").GetDateTimeOffset() > earlyAt));
            Assert.Equal(["late 3"], Texts(await LogsAsync(tenant, $"logs {leaseId} --since 20s --tail 1")));
            Assert.Equal(8, (await LogsAsync(tenant, $"logs {leaseId} --since 30m")).Length);

            var text = await tenant.Cli.RunAsync($"logs {leaseId} --tail 3{_gateway}");
            Assert.True(text.ExitCode == 0, text.ToString());
            Assert.Equal("late 1\nlate 2\nlate 3\n", text.Output.ReplaceLineEndings("\n"));
            Assert.Equal(2, (await tenant.Cli.RunAsync($"logs {leaseId} --tail 0{_gateway}")).ExitCode);
            Assert.Equal(2, (await tenant.Cli.RunAsync($"logs {leaseId} --since yesterday{_gateway}")).ExitCode);
            Assert.Equal(0, (await tenant.Cli.RunAsync($"lease close {leaseId} --yes")).ExitCode);
        }
        finally
        {
            _output.WriteLine("node:\n" + nodeProcess.ErrorTail);
        }
    }

    /// <summary>`depin run` until the workload printed <paramref name="text"/>; returns the lease id (the run is then stopped, the lease keeps running).</summary>
    private static async Task<string> RunUntilLineAsync(TenantSession tenant, string spec, ProviderNodeProcess node, string text)
    {
        await using var run = CliProcess.Start(tenant.Cli, ["run", spec, "--max-price", (5000 * 3600).ToString(CultureInfo.InvariantCulture) + "wei", "--duration", "1h",
            "--gpu", "RTX4090", "--standbys", "0", "--bid-window", "60s", "--gateway", node.Api.ToString(), "-o", "json"]);
        var line = await run.WaitForLineAsync(candidate => candidate.Contains($"\"text\":\"{text}\"", StringComparison.Ordinal), Patience);
        return JsonDocument.Parse(line).RootElement.GetProperty("leaseId").GetString()!;
    }

    private async Task<JsonElement[]> LogsAsync(TenantSession tenant, string commandLine)
    {
        var result = await tenant.Cli.RunAsync(commandLine + _gateway + " -o json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    private static string[] Texts(JsonElement[] lines) => [.. lines.Where(line => line.GetProperty("kind").GetString() == "line").Select(line => line.GetProperty("text").GetString()!)];

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(250);
        }
    }
}
