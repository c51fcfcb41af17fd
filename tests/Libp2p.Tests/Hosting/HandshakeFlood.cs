using System.Net;

namespace DePinGpu.Libp2p.Tests.Hosting;

/// <summary>
/// A repeated silent flood from one source: keeps <c>width</c> silent sockets open and re-opens every one the host
/// closes, at most every <see cref="RefillInterval"/> (a pace, not a wait for anything: about 50 refills a second of
/// up to <c>width</c> sockets each, thousands of connection attempts a second, without exhausting loopback's ports).
/// </summary>
internal sealed class HandshakeFlood : IAsyncDisposable
{
    public static readonly TimeSpan RefillInterval = TimeSpan.FromMilliseconds(20);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<SilentClient> _clients = [];
    private readonly Task _loop;
    private int _closedByHost;

    private HandshakeFlood(IPAddress source, int port, int width) => _loop = RunAsync(source, port, width);

    /// <summary>Sockets the host has closed so far (each was re-opened).</summary>
    public int ClosedByHost => Volatile.Read(ref _closedByHost);

    public static HandshakeFlood Start(IPAddress source, int port, int width) => new(source, port, width);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync(IPAddress source, int port, int width)
    {
        await Task.Yield();
        using var pace = new PeriodicTimer(RefillInterval);
        try
        {
            do
            {
                foreach (var closed in _clients.Where(client => client.ClosedByHost.IsCompleted).ToList())
                {
                    closed.Dispose();
                    _clients.Remove(closed);
                    Interlocked.Increment(ref _closedByHost);
                }

                while (_clients.Count < width)
                {
                    _clients.Add(await SilentClient.ConnectAsync(source, port));
                }
            }
            while (await pace.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The test is done with the flood.
        }
        finally
        {
            _clients.ForEach(client => client.Dispose());
        }
    }
}
