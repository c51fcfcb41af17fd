namespace DePinGpu.Libp2p.Bench.PubSub;

/// <summary>A seeded random sparse topology (a random spanning tree plus extra edges), shared by the C# and js runs.</summary>
internal static class BenchTopology
{
    public static List<(int Dialer, int Listener)> RandomSparse(int nodes, int extraEdges, int seed)
    {
        var random = new Random(seed);
        var edges = new List<(int, int)>();
        var present = new HashSet<(int, int)>();
        for (var index = 1; index < nodes; index++)
        {
            var other = random.Next(index);
            edges.Add((index, other));
            present.Add((Math.Min(index, other), Math.Max(index, other)));
        }

        while (edges.Count < nodes - 1 + extraEdges)
        {
            var a = random.Next(nodes);
            var b = random.Next(nodes);
            if (a != b && present.Add((Math.Min(a, b), Math.Max(a, b))))
            {
                edges.Add((a, b));
            }
        }

        return edges;
    }
}
