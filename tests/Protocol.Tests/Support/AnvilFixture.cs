namespace DePinGpu.Protocol.Tests.Support;

/// <summary>One anvil per test class (xunit class fixture), stopped after the class.</summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    public AnvilChain Chain { get; private set; } = null!;

    public async Task InitializeAsync() => Chain = await AnvilChain.StartAsync();

    public async Task DisposeAsync() => await Chain.DisposeAsync();
}
