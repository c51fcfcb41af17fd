using System.Text.Json;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.TestSupport;

namespace DePinGpu.ProviderNode.Tests.Commands;

/// <summary>The depin-node program itself, run as a process.</summary>
public sealed class DepinNodeCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Init_WithAPasswordFile_PrintsTheOperatorAsJson_AndTheKeystoreUnlocks()
    {
        var passwordFile = _directory.Combine("password");
        await File.WriteAllTextAsync(passwordFile, "a long enough password\n");

        var (exitCode, output, _) = await RunAsync(["init", "--data-dir", _directory.Combine("node"), "--password-file", passwordFile, "--light-kdf", "-o", "json"]);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var address = json.RootElement.GetProperty("operatorAddress").GetString();
        var key = await DePinGpu.Protocol.Wallets.KeystoreFile.UnlockAsync(_directory.Combine("node", "operator.keystore.json"), "a long enough password", CancellationToken.None);
        Assert.Equal(key.Address, address);
    }

    [Fact]
    public async Task Init_WithoutAnyPasswordSource_FailsWithASentenceAndCreatesNothing()
    {
        var (exitCode, _, errors) = await RunAsync(["init", "--data-dir", _directory.Combine("node")]);

        Assert.Equal(1, exitCode);
        Assert.Contains("--password-file", errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory.Combine("node")));
    }

    [Fact]
    public async Task Init_ShortPassword_IsRefused()
    {
        var passwordFile = _directory.Combine("password");
        await File.WriteAllTextAsync(passwordFile, "short\n");

        var (exitCode, _, errors) = await RunAsync(["init", "--data-dir", _directory.Combine("node"), "--password-file", passwordFile]);

        Assert.Equal(1, exitCode);
        Assert.Contains("shorter than 8", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpecValidate_InvalidSpec_ListsEveryProblemAndExitsNonZero()
    {
        var spec = _directory.Combine("spec.json");
        await File.WriteAllTextAsync(spec, """{"schemaVersion":1,"runtime":"docker","image":"a","gpus":1,"resources":{"cpus":0}}""");

        var (exitCode, output, _) = await RunAsync(["spec", "validate", spec, "-o", "json"]);

        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(["$.gpus", "$.resources.cpus"], json.RootElement.GetProperty("errors").EnumerateArray().Select(error => error.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Inventory_DeclaredGpus_ArePrintedAsDeclared()
    {
        var config = _directory.Combine("config.json");
        await File.WriteAllTextAsync(config, """
            // comments are allowed
            { "Inventory": { "Mode": "Declared", "Declared": [ { "Model": "virtual-cpu", "MemoryMebibytes": 2048, "Count": 3 } ] } }
            """);

        var (exitCode, output, _) = await RunAsync(["inventory", "--config", config, "-o", "json"]);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("declared", json.RootElement.GetProperty("source").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("gpus").GetArrayLength());
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "depin-node.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("DEPIN_NODE_PASSWORD");
        using var process = System.Diagnostics.Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await errors);
    }
}
