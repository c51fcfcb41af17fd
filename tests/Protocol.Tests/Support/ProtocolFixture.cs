namespace DePinGpu.Protocol.Tests.Support;

/// <summary>One anvil with the contracts deployed per test class (xunit class fixture), stopped after the class.</summary>
public sealed class ProtocolFixture : IAsyncLifetime
{
    public ProtocolChain Chain { get; private set; } = null!;

    public async Task InitializeAsync() => Chain = await ProtocolChain.StartAsync();

    public async Task DisposeAsync() => await Chain.DisposeAsync();
}
