using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Chaos.Tests.Cluster;

/// <summary>
/// One anvil chain with the contracts deployed, shared by every scenario of the suite (each brings its own nodes and
/// leases, so the checker's rules stay per scenario while the token invariant is checked over the whole chain).
/// </summary>
public sealed class ChainFixture : IAsyncLifetime
{
    private ProtocolChain? _chain;

    /// <summary>The shared chain.</summary>
    public ProtocolChain Chain => _chain ?? throw new InvalidOperationException("The chain is not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _chain = await ProtocolChain.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_chain is not null)
        {
            await _chain.DisposeAsync();
        }
    }
}
