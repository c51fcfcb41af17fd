using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Diagnostics;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Registry;
using DePinGpu.Protocol.Hosting;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Transactions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Protocol.Tests.Hosting;

public sealed class ChainHostingTests(ProtocolFixture fixture) : IClassFixture<ProtocolFixture>, IDisposable
{
    private readonly ProtocolChain _chain = fixture.Chain;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-host-" + Guid.NewGuid().ToString("N"));

    private string CursorFile => Path.Combine(_directory, "cursor.db");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private IHost EventHost() => ChainHost.Build(ChainHost.Settings(_chain.Connection.Options, CursorFile), (services, chain) =>
    {
        services.AddChainEvents(chain.GetSection("Events"));
        services.AddChainEventHandler<RegistrationLog>();
    });

    [Fact]
    public void BuildingTheHost_ResolvesEveryService_ButOpensNoCursorAndCallsNoNode()
    {
        var settings = ChainHost.Settings(_chain.Connection.Options with { RpcUrl = new Uri($"http://127.0.0.1:{DePinGpu.TestSupport.FreePort.Next()}") }, CursorFile);
        using var host = ChainHost.Build(settings, (services, chain) => services.AddChainEvents(chain.GetSection("Events")));

        var hosted = host.Services.GetServices<IHostedService>().ToArray();
        var registry = host.Services.GetRequiredService<RegistryClient>();

        Assert.Contains(hosted, s => s is ChainConnectionCheck);
        Assert.Contains(hosted, s => s is ChainEventService);
        Assert.Null(registry.Account);
        Assert.False(File.Exists(CursorFile));
    }

    [Fact]
    public async Task HostedEventStream_DeliversToItsHandlers_AndAfterARestartResumesWithoutRepeats()
    {
        var first = await _chain.RegisterProviderAsync();
        using (var host = EventHost())
        {
            await host.StartAsync();
            var log = host.Services.GetRequiredService<RegistrationLog>();
            await log.WaitForAsync(first.Address);
            await host.StopAsync();
        }

        var second = await _chain.RegisterProviderAsync();
        using (var host = EventHost())
        {
            await host.StartAsync();
            var log = host.Services.GetRequiredService<RegistrationLog>();
            await log.WaitForAsync(second.Address);
            await host.StopAsync();

            Assert.DoesNotContain(first.Address, log.Providers);
        }

        Assert.True(File.Exists(CursorFile));
    }

    [Fact]
    public async Task HealthCheck_IsHealthyWithTheHead_AndUnhealthyWhenTheNodeDoesNotAnswer()
    {
        using var host = ChainHost.Build(ChainHost.Settings(_chain.Connection.Options, CursorFile));
        await host.StartAsync();
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await host.StopAsync();
        using var deadRpc = new EthereumRpc(new Uri($"http://127.0.0.1:{DePinGpu.TestSupport.FreePort.Next()}"), TimeSpan.FromSeconds(2));
        using var dead = ProtocolConnection.Open(_chain.Connection.Options, deadRpc, NullLoggerFactory.Instance, ChainMetrics.Shared);
        var unhealthy = await new ChainHealthCheck(dead).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.True((ulong)report.Entries["chain"].Data["head"] > 0);
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
        Assert.Contains("does not answer", unhealthy.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartingAgainstTheWrongChain_FailsTheHostNamingTheChain()
    {
        using var host = ChainHost.Build(ChainHost.Settings(_chain.Connection.Options with { ChainId = 5 }, CursorFile));

        var error = await Assert.ThrowsAsync<ChainConfigurationException>(() => host.StartAsync());

        Assert.Contains("is chain 31337 but ChainId is 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningKey_MakesTheClientsSendFromIt_AndRunsTheTransactionWatcher()
    {
        var provider = await _chain.RegisterProviderAsync();
        using var host = ChainHost.Build(ChainHost.Settings(_chain.Connection.Options, CursorFile), (services, _) =>
            services.AddChainSigningKey(_ => provider.Operator));
        await host.StartAsync();

        var registry = host.Services.GetRequiredService<RegistryClient>();
        var receipt = await registry.HeartbeatAsync(CancellationToken.None);
        var sender = host.Services.GetRequiredService<TransactionSender>();
        await host.StopAsync();

        Assert.Equal(provider.Operator.Address, registry.Account);
        Assert.Equal(provider.Operator.Address, sender.Address);
        Assert.Single(receipt.Events.OfType<HeartbeatRecorded>());
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is TransactionWatcher);
    }

    /// <summary>An idempotent handler: the set of providers whose registration it saw.</summary>
    private sealed class RegistrationLog : IChainEventHandler
    {
        private readonly Lock _gate = new();
        private readonly HashSet<string> _providers = new(StringComparer.OrdinalIgnoreCase);

        public IReadOnlyCollection<string> Providers
        {
            get
            {
                lock (_gate)
                {
                    return [.. _providers];
                }
            }
        }

        public Task HandleAsync(ChainEventBatch batch, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                foreach (var registered in batch.Events.OfType<ProviderRegistered>())
                {
                    _providers.Add(registered.Provider);
                }
            }

            return Task.CompletedTask;
        }

        public Task RollbackAsync(ChainRollback rollback, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No reorg in this test.");

        public async Task WaitForAsync(string provider)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!Providers.Contains(provider, StringComparer.OrdinalIgnoreCase))
            {
                Assert.True(DateTime.UtcNow < deadline, $"The hosted stream did not deliver the registration of {provider}.");
                await Task.Delay(20);
            }
        }
    }
}
