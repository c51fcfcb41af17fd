namespace DePinGpu.Libp2p.Yamux;

/// <summary>The part of <see cref="YamuxStream"/> driven by the session's read loop.</summary>
public sealed partial class YamuxStream
{
    /// <summary>Decides what to do with a Data frame of <paramref name="length"/> bytes and reserves window for it.</summary>
    internal YamuxReceiveDecision ReserveReceive(uint length, out string? violation)
    {
        violation = null;
        lock (_gate)
        {
            if (_remoteWriteClosed)
            {
                violation = $"data arrived on stream {StreamId} after its FIN";
                return YamuxReceiveDecision.Violation;
            }

            if (length > (uint)_receiveCredit)
            {
                violation = $"{length} bytes arrived on stream {StreamId} with only {_receiveCredit} bytes of window left";
                return YamuxReceiveDecision.Violation;
            }

            if (_readAbandoned || _failure is not null)
            {
                return YamuxReceiveDecision.DiscardAndCredit;
            }

            _receiveCredit -= (int)length;
            return YamuxReceiveDecision.Accept;
        }
    }

    /// <summary>Appends a pooled buffer holding received bytes; returns false (caller returns the buffer) if the stream is gone.</summary>
    internal bool Append(byte[] pooled, int count)
    {
        lock (_gate)
        {
            if (_readAbandoned || _failure is not null)
            {
                return false;
            }

            _received.Enqueue(new ArraySegment<byte>(pooled, 0, count));
            _buffered += count;
            return true;
        }
    }

    /// <summary>Wakes the reader after a frame's payload was appended.</summary>
    internal void SignalReadable() => _readable.Set();

    /// <summary>Adds <paramref name="delta"/> to the send window; returns false if it would exceed 2^32-1.</summary>
    internal bool OnWindowUpdate(uint delta)
    {
        lock (_gate)
        {
            _sendWindow += delta;
            if (_sendWindow > uint.MaxValue)
            {
                return false;
            }
        }

        if (delta > 0)
        {
            _writable.Set();
        }

        return true;
    }

    /// <summary>The remote half-closed the stream.</summary>
    internal void OnRemoteFin()
    {
        lock (_gate)
        {
            _remoteWriteClosed = true;
        }

        _readable.Set();
        RemoveIfFullyClosed();
    }

    /// <summary>The remote reset the stream: unread data is dropped and pending operations fail.</summary>
    internal void OnRemoteReset()
    {
        lock (_gate)
        {
            _failure ??= new IOException($"The remote peer reset stream {StreamId}.");
            ReleaseReceived();
        }

        _readable.Set();
        _writable.Set();
        _session.RemoveStream(this);
    }

    /// <summary>The session ended: data already received stays readable, then reads and writes fail.</summary>
    internal void OnSessionClosed(Exception reason)
    {
        lock (_gate)
        {
            _failure ??= reason;
            if (_readAbandoned)
            {
                ReleaseReceived();
            }
        }

        _readable.Set();
        _writable.Set();
    }

    /// <summary>Bytes buffered unread (for memory accounting and tests).</summary>
    internal int BufferedBytes
    {
        get
        {
            lock (_gate)
            {
                return _buffered;
            }
        }
    }

    /// <summary>The current receive window (for tests of window growth).</summary>
    internal int ReceiveWindow
    {
        get
        {
            lock (_gate)
            {
                return _receiveWindow;
            }
        }
    }

    /// <summary>Returns the window reserved beyond the initial size to the session budget.</summary>
    internal int WindowGrowth
    {
        get
        {
            lock (_gate)
            {
                return _receiveWindow - YamuxOptions.InitialWindowSize;
            }
        }
    }
}
