namespace DePinGpu.TenantCli.Tests.Support;

/// <summary>One devnet per test class (xunit class fixture), stopped after the class.</summary>
public sealed class DevnetFixture : IAsyncLifetime
{
    /// <summary>The chain.</summary>
    public DevnetChain Chain { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Chain = await DevnetChain.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await Chain.DisposeAsync();
}
