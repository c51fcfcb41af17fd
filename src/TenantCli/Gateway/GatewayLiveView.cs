using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>The terminal view of a running gateway: its replicas (health, in flight, requests, failures), requests/s, retries, errors, recent events.</summary>
internal sealed class GatewayLiveView(GatewayParts parts, IAnsiConsole console, string title)
{
    /// <summary>Redraws every second until cancelled.</summary>
    public async Task RunAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var previous = parts.Metrics.Requests;
        await console.Live(Render(0)).StartAsync(async live =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
            while (await WaitAsync(timer, cancellationToken).ConfigureAwait(false))
            {
                var now = parts.Metrics.Requests;
                live.UpdateTarget(Render(now - previous));
                previous = now;
            }
        }).ConfigureAwait(false);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private Rows Render(long perSecond)
    {
        var metrics = parts.Metrics;
        var table = new Table().AddColumns("replica", "provider", "health", "in flight", "requests", "failures");
        foreach (var replica in parts.Replicas.All)
        {
            var health = replica.Available ? $"[green]{replica.Health}[/]" : $"[red]{replica.Health}[/]";
            table.AddRow(replica.Address.Key, Markup.Escape(replica.Address.Provider), health,
                replica.InFlight.ToString(CultureInfo.InvariantCulture), replica.Requests.ToString(CultureInfo.InvariantCulture), replica.Failures.ToString(CultureInfo.InvariantCulture));
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{title}   {perSecond} req/s   requests {metrics.Requests}   retries {metrics.Retries}   errors {metrics.Failed}   no replica {metrics.NoReplica}   streams resumed {metrics.StreamsResumed}");
        var events = parts.Events.Recent(5).Select(entry => new Text(string.Create(CultureInfo.InvariantCulture, $"{entry.At:HH:mm:ss} {entry.Kind} {entry.Replica} {entry.Detail}")));
        return new Rows(new IRenderable[] { new Text(summary), table }.Concat(events));
    }
}
