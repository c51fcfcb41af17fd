namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// Active health checks: every interval, a GET of the spec's health path on each replica (2xx = healthy). A success
/// admits a new replica and re-admits an ejected or unhealthy one; consecutive failures make a healthy one unhealthy.
/// </summary>
internal sealed class ReplicaHealthProber(GatewayParts parts, TimeProvider time)
{
    /// <summary>Probes until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(parts.Options.HealthInterval, time);
        do
        {
            await ProbeAllAsync(cancellationToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Probes every replica once, in parallel.</summary>
    public Task ProbeAllAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(parts.Replicas.All.Select(replica => ProbeAsync(replica, cancellationToken)));

    private async Task ProbeAsync(Replica replica, CancellationToken cancellationToken)
    {
        var path = parts.Replicas.Traits?.HealthPath ?? "/health";
        string? failure;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(parts.Options.HealthTimeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, replica.Address.Target(path)) { Version = new Version(1, 1) };
                using var response = await parts.Invoker.SendAsync(request, timeout.Token).ConfigureAwait(false);
                failure = response.IsSuccessStatusCode ? null : $"health answered {(int)response.StatusCode}";
                if (response.Headers.TryGetValues(AttemptTransformer.NodeRefusalHeader, out var refusal) && refusal.Contains(AttemptTransformer.UnknownAddress, StringComparer.Ordinal))
                {
                    replica.AddressRefused();
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                failure = exception is OperationCanceledException ? "health probe timed out" : exception.GetBaseException().Message;
            }
        }

        if (failure is null)
        {
            var before = replica.ProbeSucceeded();
            if (before != ReplicaHealth.Healthy)
            {
                parts.Events.Add("replica-healthy", replica, before == ReplicaHealth.Pending ? "admitted" : $"re-admitted (was {before})");
            }
        }
        else if (replica.ProbeFailed(parts.Options.UnhealthyAfterProbes))
        {
            parts.Events.Add("replica-unhealthy", replica, failure);
        }
    }
}
