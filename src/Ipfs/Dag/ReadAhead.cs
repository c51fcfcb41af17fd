using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace DePinGpu.Ipfs.Dag;

/// <summary>
/// Runs an async sequence up to <c>depth</c> items ahead of its consumer on another task, so reading and hashing blocks
/// overlaps with writing them out (two cores busy instead of one). The producer task is always awaited before the
/// enumeration ends, and items produced but never consumed are disposed.
/// </summary>
internal static class ReadAhead
{
    public static async IAsyncEnumerable<T> RunAsync<T>(
        IAsyncEnumerable<T> source, int depth, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : IDisposable
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(depth) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(source, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }

            // Surfaces the producer's exception (missing or corrupt block) to the consumer.
            await producer.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Already surfaced above, or the consumer stopped early and the cancellation we caused is expected.
            }

            while (channel.Reader.TryRead(out var leftover))
            {
                leftover.Dispose();
            }
        }
    }

    private static async Task ProduceAsync<T>(IAsyncEnumerable<T> source, ChannelWriter<T> writer, CancellationToken cancellationToken)
        where T : IDisposable
    {
        try
        {
            await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    item.Dispose();
                    throw;
                }
            }

            writer.TryComplete();
        }
        catch (Exception exception)
        {
            writer.TryComplete(exception);
            throw;
        }
    }
}
