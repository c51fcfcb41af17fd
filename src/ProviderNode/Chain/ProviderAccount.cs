using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Hosting;

namespace DePinGpu.ProviderNode.Chain;

/// <summary>
/// Who this node acts for: the operator key it signs with and the owner (the provider id on-chain) that key serves,
/// read from the registry the first time it is needed and then kept.
/// </summary>
public sealed class ProviderAccount
{
    private readonly RegistryClient _registry;
    private readonly SemaphoreSlim _lookup = new(1, 1);
    private string? _owner;

    /// <summary>Creates the account of <paramref name="key"/>; nothing is read yet.</summary>
    public ProviderAccount(ChainSigningKey key, RegistryClient registry)
    {
        ArgumentNullException.ThrowIfNull(key);
        Operator = key.Key.Address.ToLowerInvariant();
        _registry = registry;
    }

    /// <summary>The operator address (lower-case).</summary>
    public string Operator { get; }

    /// <summary>The owner address (lower-case), or null while the operator is not registered.</summary>
    public async Task<string?> OwnerAsync(CancellationToken cancellationToken)
    {
        if (_owner is not null)
        {
            return _owner;
        }

        await _lookup.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _owner ??= (await _registry.ProviderOfOperatorAsync(Operator, cancellationToken).ConfigureAwait(false))?.ToLowerInvariant();
            return _owner;
        }
        finally
        {
            _lookup.Release();
        }
    }
}
