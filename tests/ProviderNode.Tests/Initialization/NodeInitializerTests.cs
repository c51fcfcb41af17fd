using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Initialization;
using DePinGpu.ProviderNode.Inventory;
using DePinGpu.ProviderNode.Pricing;
using DePinGpu.ProviderNode.Bidding;
using DePinGpu.ProviderNode.Drain;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Wallets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Tests.Initialization;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NodeInitializerTests : IDisposable
{
    private const string Password = "correct horse battery staple";
    private readonly TemporaryDirectory _directory = new();
    private readonly RecordingLoggerProvider _logs = new();

    private NodeDataDirectory Data => new(_directory.Combine("node"));

    [Fact]
    public async Task Initialize_CreatesAKeystoreThatUnlocksToTheReportedOperator()
    {
        var created = await Initializer().InitializeAsync(Data, Password, ScryptCost.Light, CancellationToken.None);

        var key = await KeystoreFile.UnlockAsync(Data.OperatorKeystore, Password, CancellationToken.None);
        Assert.Null(created.Refusal);
        Assert.Equal(key.Address, created.OperatorAddress);
        Assert.Equal(key.PeerId.ToString(), created.PeerId);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Data.OperatorKeystore));
        Assert.True(Directory.Exists(Data.LeasesDirectory));
    }

    [Fact]
    public async Task Initialize_WritesACommentedConfigThatBindsToValidOptions()
    {
        await Initializer().InitializeAsync(Data, Password, ScryptCost.Light, CancellationToken.None);
        var text = await File.ReadAllTextAsync(Data.ConfigFile);
        var configuration = new ConfigurationBuilder().AddJsonFile(Data.ConfigFile).Build();
        var services = new ServiceCollection().AddLogging()
            .AddExecution(configuration).AddCheckpointWatchers(configuration).AddInventory(configuration).AddPricing(configuration).AddDrain(configuration);
        await using var provider = services.BuildServiceProvider();

        Assert.Contains("// ", text, StringComparison.Ordinal);
        var execution = provider.GetRequiredService<IOptions<ExecutionOptions>>().Value;
        Assert.StartsWith("node-", execution.NodeName, StringComparison.Ordinal);
        Assert.Equal(Data.ProcessesDirectory, execution.ProcessStateDirectory);
        Assert.False(execution.EnableProcessRuntime);
        Assert.Equal(TimeSpan.FromSeconds(10), provider.GetRequiredService<IOptions<CheckpointWatcherOptions>>().Value.RescanInterval);
        Assert.Equal(InventoryMode.Auto, provider.GetRequiredService<IOptions<InventoryOptions>>().Value.Mode);
        Assert.IsType<ConfiguredPricingPolicy>(provider.GetRequiredService<IPricingPolicy>());
        Assert.Equal(TimeSpan.FromMinutes(2), provider.GetRequiredService<IOptions<DrainOptions>>().Value.CheckpointWait);
        var bidding = configuration.GetSection(BiddingOptions.Section).Get<BiddingOptions>()!;
        Assert.Empty(bidding.Validate());
        Assert.Equal([DePinGpu.Protocol.JobSpecs.WorkloadRuntimeKind.Docker], bidding.Runtimes);
    }

    [Fact]
    public async Task Initialize_Twice_RefusesAndKeepsTheFirstKey()
    {
        var first = await Initializer().InitializeAsync(Data, Password, ScryptCost.Light, CancellationToken.None);
        var keystore = await File.ReadAllTextAsync(Data.OperatorKeystore);

        var second = await Initializer().InitializeAsync(Data, "another password", ScryptCost.Light, CancellationToken.None);

        Assert.Contains("already exists", second.Refusal, StringComparison.Ordinal);
        Assert.Equal(keystore, await File.ReadAllTextAsync(Data.OperatorKeystore));
        Assert.Equal(first.OperatorAddress, (await KeystoreFile.UnlockAsync(Data.OperatorKeystore, Password, CancellationToken.None)).Address);
    }

    [Fact]
    public async Task Initialize_NeverLogsThePassword()
    {
        await Initializer().InitializeAsync(Data, Password, ScryptCost.Light, CancellationToken.None);
        await Initializer().InitializeAsync(Data, Password, ScryptCost.Light, CancellationToken.None);

        Assert.NotEmpty(_logs.Messages);
        Assert.DoesNotContain(_logs.Messages, message => message.Contains(Password, StringComparison.Ordinal));
    }

    public void Dispose() => _directory.Dispose();

    private NodeInitializer Initializer()
    {
        var loggers = LoggerFactory.Create(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        return new NodeInitializer(loggers.CreateLogger<NodeInitializer>());
    }
}
