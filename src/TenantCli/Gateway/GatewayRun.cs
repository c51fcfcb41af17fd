namespace DePinGpu.TenantCli.Gateway;

/// <summary>Runs a gateway's parts together until cancelled: the HTTP server, the health prober, the replica source and the view.</summary>
internal static class GatewayRun
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (Ctrl+C); a normal stop is not an error.</summary>
    public static async Task RunAsync(GatewayParts parts, OrderReplicaSource? source, GatewayLiveView? view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parts);
        await using var server = new GatewayServer(parts);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        var prober = new ReplicaHealthProber(parts, TimeProvider.System);
        var tasks = new List<Task> { prober.RunAsync(cancellationToken) };
        if (source is not null)
        {
            tasks.Add(source.RunAsync(parts.Options.ReconcileInterval, TimeProvider.System, cancellationToken));
        }

        if (view is not null)
        {
            tasks.Add(view.RunAsync(TimeProvider.System, cancellationToken));
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the gateway stops serving; in-flight requests end with the server.
        }
    }
}
