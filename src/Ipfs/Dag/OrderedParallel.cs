using System.Runtime.CompilerServices;

namespace DePinGpu.Ipfs.Dag;

/// <summary>
/// Maps an ordered sequence through an expensive step (read + SHA-256 of a 256 KiB block) on up to <c>parallelism</c>
/// thread-pool workers and yields the results in source order. Hashing is the physical limit of import and export, so
/// spreading it over the cores is what lets them beat a single-core hash. Work already started is always awaited
/// before the enumeration ends (nothing is left running); results never yielded are handed to <c>discard</c>.
/// </summary>
internal static class OrderedParallel
{
    public static async IAsyncEnumerable<TResult> SelectAsync<TItem, TResult>(
        IAsyncEnumerable<TItem> source,
        Func<TItem, CancellationToken, ValueTask<TResult>> work,
        int parallelism,
        Action<TResult>? discard,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var inFlight = new Queue<Task<TResult>>(parallelism);
        await using var items = source.GetAsyncEnumerator(cancellationToken);
        var sourceEnded = false;
        try
        {
            while (true)
            {
                while (!sourceEnded && inFlight.Count < parallelism)
                {
                    if (await items.MoveNextAsync().ConfigureAwait(false))
                    {
                        var item = items.Current;
                        // No token here: once an item is taken, its work must run so it can release what it holds.
                        inFlight.Enqueue(Task.Run(() => work(item, cancellationToken).AsTask(), CancellationToken.None));
                    }
                    else
                    {
                        sourceEnded = true;
                    }
                }

                if (inFlight.Count == 0)
                {
                    yield break;
                }

                yield return await inFlight.Dequeue().ConfigureAwait(false);
            }
        }
        finally
        {
            await DrainAsync(inFlight, discard).ConfigureAwait(false);
        }
    }

    private static async Task DrainAsync<TResult>(Queue<Task<TResult>> inFlight, Action<TResult>? discard)
    {
        while (inFlight.TryDequeue(out var task))
        {
            try
            {
                var result = await task.ConfigureAwait(false);
                discard?.Invoke(result);
            }
            catch (Exception)
            {
                // The enumeration is already ending (early stop or an earlier failure that is being reported); later
                // failures, often cancellations we caused, add nothing.
            }
        }
    }
}
