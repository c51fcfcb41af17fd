namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// Orders gateways for the next attempt: fewest consecutive failures first, configured order on a tie, so a dead gateway
/// sinks to the end and comes back as soon as it answers again.
/// </summary>
internal sealed class GatewayRotation
{
    private readonly Uri[] _gateways;
    private readonly int[] _consecutiveFailures;

    public GatewayRotation(IEnumerable<Uri> gateways)
    {
        _gateways = [.. gateways.Select(Normalize)];
        _consecutiveFailures = new int[_gateways.Length];
    }

    public IReadOnlyList<Uri> Order()
    {
        lock (_consecutiveFailures)
        {
            return [.. Enumerable.Range(0, _gateways.Length).OrderBy(index => _consecutiveFailures[index]).ThenBy(index => index).Select(index => _gateways[index])];
        }
    }

    public void Succeeded(Uri gateway) => Update(gateway, failed: false);

    public void Failed(Uri gateway) => Update(gateway, failed: true);

    /// <summary>A base address always ends with '/', so relative <c>ipfs/{cid}</c> resolves under any path prefix.</summary>
    public static Uri Normalize(Uri gateway) =>
        gateway.AbsoluteUri.EndsWith('/') ? gateway : new Uri(gateway.AbsoluteUri + "/");

    private void Update(Uri gateway, bool failed)
    {
        lock (_consecutiveFailures)
        {
            var index = Array.IndexOf(_gateways, gateway);
            if (index >= 0)
            {
                _consecutiveFailures[index] = failed ? Math.Min(_consecutiveFailures[index] + 1, 1000) : 0;
            }
        }
    }
}
