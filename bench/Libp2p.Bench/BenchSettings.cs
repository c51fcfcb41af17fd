namespace DePinGpu.Libp2p.Bench;

/// <summary>Sizes of one benchmark run.</summary>
internal sealed record BenchSettings(long SingleStreamBytes, long ParallelBytes, int ParallelStreams, int Handshakes, int IdleConnections, int Repetitions)
{
    public static BenchSettings Full { get; } = new(256L << 20, 128L << 20, 16, 100, 500, 3);

    public static BenchSettings Quick { get; } = new(32L << 20, 32L << 20, 16, 20, 100, 1);
}
