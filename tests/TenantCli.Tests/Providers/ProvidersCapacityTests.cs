using System.Text;
using DePinGpu.TenantCli.Tests.Support;

namespace DePinGpu.TenantCli.Tests.Providers;

/// <summary>
/// <c>depin providers</c> merges the registry with what the configured nodes heard on the capacity gossip (a loopback
/// server answers the documented <c>GET /network/capacity</c> here; the real route is exercised end to end in
/// LogsFailoverEndToEndTests): price and seen filter on it, and a provider no node heard never passes them.
/// </summary>
public sealed class ProvidersCapacityTests : IClassFixture<DevnetFixture>
{
    private readonly DevnetChain _chain;

    public ProvidersCapacityTests(DevnetFixture fixture) => _chain = fixture.Chain;

    [Fact]
    public async Task Providers_PriceAndSeenFilters_UseTheGossipedCapacity()
    {
        using var tenant = await TenantSession.CreateAsync(_chain, fund: false);
        var model = "GPU" + Guid.NewGuid().ToString("N")[..8];
        var cheap = await _chain.RegisterProviderAsync(model);
        var dear = await _chain.RegisterProviderAsync(model);
        var unheard = await _chain.RegisterProviderAsync(model);
        var now = DateTimeOffset.UtcNow;
        await using var node = new LoopbackHttpServer();
        node.Routes["/network/capacity"] = Encoding.UTF8.GetBytes($$"""
            {"capacity":[
              {"provider":"{{cheap.Address.ToLowerInvariant()}}","peerId":"p","gpuModel":"{{model}}","gpuCount":1,"freeGpus":1,"vramGb":24,"pricePerGpuSecondWei":"27777777777778","seenAt":"{{now:O}}","source":"self"},
              {"provider":"{{dear.Address.ToLowerInvariant()}}","peerId":"p","gpuModel":"{{model}}","gpuCount":1,"freeGpus":0,"vramGb":24,"pricePerGpuSecondWei":"166666666666667","seenAt":"{{now.AddMinutes(-10):O}}","source":"gossip"}]}
            """);

        var all = await tenant.JsonAsync($"providers gpu={model} --gateway {node.BaseAddress}");
        var cheapOnes = await tenant.JsonAsync($"providers gpu={model} price<0.5 --gateway {node.BaseAddress}");
        var recent = await tenant.JsonAsync($"providers gpu={model} seen<60 --gateway {node.BaseAddress}");
        var text = await tenant.Cli.RunAsync($"providers gpu={model} --gateway {node.BaseAddress}");

        Assert.Equal(3, all.GetArrayLength());
        Assert.Equal([cheap.Address.ToLowerInvariant()], cheapOnes.EnumerateArray().Select(row => row.GetProperty("owner").GetString()!.ToLowerInvariant()));
        Assert.Equal("0.1", cheapOnes[0].GetProperty("capacity").GetProperty("pricePerGpuHour").GetString()![..3]);
        Assert.Equal([cheap.Address.ToLowerInvariant()], recent.EnumerateArray().Select(row => row.GetProperty("owner").GetString()!.ToLowerInvariant()));
        var unheardRow = all.EnumerateArray().Single(row => string.Equals(row.GetProperty("owner").GetString(), unheard.Address, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, unheardRow.GetProperty("capacity").ValueKind);
        Assert.Contains("never", text.Output, StringComparison.Ordinal);
        Assert.Contains("10m", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Providers_GatewayDown_StillListsTheRegistry_AndNotesTheNode()
    {
        using var tenant = await TenantSession.CreateAsync(_chain, fund: false);
        var model = "GPU" + Guid.NewGuid().ToString("N")[..8];
        await _chain.RegisterProviderAsync(model);
        var down = new Uri($"http://127.0.0.1:{DePinGpu.TestSupport.FreePort.Next()}/");

        var result = await tenant.Cli.RunAsync($"providers gpu={model} --gateway {down}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(model, result.Output, StringComparison.Ordinal);
        Assert.Contains($"capacity gossip: {down}", result.Error, StringComparison.Ordinal);
    }
}
