using System.Diagnostics;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>
/// A <see cref="ProbePeer"/> answered by a script in the background: it records every wantlist entry it receives
/// (with the time since it was created) so a test can assert which wants, cancels and re-asks a fetch sent it.
/// </summary>
internal sealed class ScriptedPeer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(TimeSpan At, WantlistEntry Entry)> _entries = [];
    private readonly List<BlockPresence> _presences = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Joins <paramref name="hub"/>; <paramref name="answer"/> (may be null: silent) is called for every want that is not a cancel.</summary>
    public ScriptedPeer(MemoryBitswapHub hub, Func<ScriptedPeer, PeerId, WantlistEntry, Task>? answer)
    {
        Probe = new ProbePeer(hub);
        _loop = Task.Run(() => RunAsync(answer));
    }

    public ProbePeer Probe { get; }

    public PeerId Id => Probe.Id;

    public MemoryBitswapEndpoint Endpoint => Probe.Endpoint;

    /// <summary>Answers every want with DONT_HAVE.</summary>
    public static Task DeclineAsync(ScriptedPeer self, PeerId from, WantlistEntry want) =>
        self.Probe.SendAsync(from, new BitswapMessage { BlockPresences = [new BlockPresence(want.Cid, BlockPresenceType.DontHave)] });

    /// <summary>The peer's clock, the one the arrival times it records are read on.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Sends <paramref name="block"/> to <paramref name="to"/>.</summary>
    public Task SendBlockAsync(PeerId to, Block block) =>
        Probe.SendAsync(to, new BitswapMessage { Blocks = [new BitswapBlock(CidPrefix.Of(block.Cid), block.Data)] });

    /// <summary>Want-blocks (not cancels) received for <paramref name="cid"/>, in order, with their arrival time.</summary>
    public List<TimeSpan> WantBlocks(Cid cid) => Select(entry => !entry.Cancel && entry.WantType == WantType.Block && entry.Cid.Equals(cid));

    /// <summary>The blocks asked with a want-block, in the order the wants arrived.</summary>
    public List<Cid> WantBlockOrder()
    {
        lock (_gate)
        {
            return [.. _entries.Where(pair => !pair.Entry.Cancel && pair.Entry.WantType == WantType.Block).Select(pair => pair.Entry.Cid)];
        }
    }

    /// <summary>Cancels received for <paramref name="cid"/>, with their arrival time.</summary>
    public List<TimeSpan> Cancels(Cid cid) => Select(entry => entry.Cancel && entry.Cid.Equals(cid));

    /// <summary>Every entry (want or cancel, any type) received for <paramref name="cid"/>.</summary>
    public int Entries(Cid cid) => Select(entry => entry.Cid.Equals(cid)).Count;

    /// <summary>True once a presence (HAVE or DONT_HAVE) for <paramref name="cid"/> arrived.</summary>
    public bool HeardPresence(Cid cid)
    {
        lock (_gate)
        {
            return _presences.Any(presence => presence.Cid.Equals(cid));
        }
    }

    /// <summary>Every want that is not a cancel, whatever the block.</summary>
    public int Wants => Select(entry => !entry.Cancel).Count;

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds over what was received.</summary>
    public async Task WaitForAsync(Func<ScriptedPeer, bool> condition, string what, TimeSpan? timeout = null)
    {
        using var bound = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (condition(this))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{Id} never saw: {what}");
            }
        }
    }

    /// <summary>Waits until nothing arrived for <paramref name="quiet"/>: what the fetch sent before it ended has arrived.</summary>
    public async Task SettleAsync(TimeSpan quiet)
    {
        while (true)
        {
            var count = Count;
            await Task.Delay(quiet);
            if (Count == count)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        _stop.Dispose();
    }

    private int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    private List<TimeSpan> Select(Func<WantlistEntry, bool> filter)
    {
        lock (_gate)
        {
            return [.. _entries.Where(pair => filter(pair.Entry)).Select(pair => pair.At)];
        }
    }

    private async Task RunAsync(Func<ScriptedPeer, PeerId, WantlistEntry, Task>? answer)
    {
        while (true)
        {
            var message = await Probe.NextAsync(TimeSpan.FromMinutes(10)).WaitAsync(_stop.Token);
            TaskCompletionSource changed;
            lock (_gate)
            {
                _entries.AddRange(message.Wants.Select(entry => (_clock.Elapsed, entry)));
                _presences.AddRange(message.Presences);
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
            foreach (var want in message.Wants.Where(want => !want.Cancel))
            {
                try
                {
                    if (answer is not null)
                    {
                        await answer(this, message.From, want);
                    }
                }
                catch (IOException)
                {
                    // The link was cut meanwhile (a test disconnecting the peer): the answer is lost, as on a real connection.
                }
            }
        }
    }
}
