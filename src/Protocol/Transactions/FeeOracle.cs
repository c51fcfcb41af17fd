using System.Numerics;
using DePinGpu.Protocol.Rpc;

namespace DePinGpu.Protocol.Transactions;

/// <summary>EIP-1559 fee suggestions: cap = 2 × base fee + tip, so a transaction survives several full blocks.</summary>
internal sealed class FeeOracle(EthereumRpc rpc, TimeSpan cacheDuration)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (BigInteger MaxFee, BigInteger Tip, DateTimeOffset At)? _cached;

    public async Task<(BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas)> SuggestAsync(CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (cached is { } fresh && DateTimeOffset.UtcNow - fresh.At < cacheDuration)
        {
            return (fresh.MaxFee, fresh.Tip);
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } again && DateTimeOffset.UtcNow - again.At < cacheDuration)
            {
                return (again.MaxFee, again.Tip);
            }

            var latest = await rpc.GetLatestBlockHeaderAsync(cancellationToken).ConfigureAwait(false);
            var tip = await rpc.GetMaxPriorityFeePerGasAsync(cancellationToken).ConfigureAwait(false);
            var maxFee = (latest.BaseFeePerGas * 2) + tip;
            _cached = (maxFee, tip, DateTimeOffset.UtcNow);
            return (maxFee, tip);
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Forgets the cached fees (after a replacement the market moved).</summary>
    public void Invalidate() => _cached = null;
}
