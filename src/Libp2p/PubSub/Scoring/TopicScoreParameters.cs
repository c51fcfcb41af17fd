namespace DePinGpu.Libp2p.PubSub.Scoring;

/// <summary>
/// Per-topic score terms of gossipsub v1.1 (P1–P4). Time values are in seconds of mesh time; decays are factors
/// applied once per <see cref="PeerScoreParameters.DecayInterval"/>. A weight of 0 disables its term.
/// </summary>
public sealed record TopicScoreParameters
{
    /// <summary>Multiplier of the whole topic score.</summary>
    public double TopicWeight { get; init; } = 1;

    /// <summary>P1 weight (positive): reward for time in the mesh.</summary>
    public double TimeInMeshWeight { get; init; } = 1.0 / 30;

    /// <summary>P1 unit of time.</summary>
    public TimeSpan TimeInMeshQuantum { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>P1 cap in quanta.</summary>
    public double TimeInMeshCap { get; init; } = 300;

    /// <summary>P2 weight (positive): reward for being first to deliver a valid message.</summary>
    public double FirstMessageDeliveriesWeight { get; init; } = 1;

    /// <summary>P2 decay factor.</summary>
    public double FirstMessageDeliveriesDecay { get; init; } = 0.9;

    /// <summary>P2 counter cap.</summary>
    public double FirstMessageDeliveriesCap { get; init; } = 20;

    /// <summary>P3 weight (negative, 0 disables): penalty for mesh peers that deliver too little. Off by default because the right threshold depends on the topic's traffic.</summary>
    public double MeshMessageDeliveriesWeight { get; init; }

    /// <summary>P3 decay factor.</summary>
    public double MeshMessageDeliveriesDecay { get; init; } = 0.5;

    /// <summary>P3 counter cap.</summary>
    public double MeshMessageDeliveriesCap { get; init; } = 100;

    /// <summary>P3 threshold below which the deficit is penalised (squared).</summary>
    public double MeshMessageDeliveriesThreshold { get; init; } = 20;

    /// <summary>P3: a duplicate arriving this soon after the first delivery still counts as a mesh delivery.</summary>
    public TimeSpan MeshMessageDeliveriesWindow { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>P3 is only applied after a peer has been in the mesh this long.</summary>
    public TimeSpan MeshMessageDeliveriesActivation { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>P3b weight (negative, 0 disables): sticky penalty for a P3 deficit when the peer is pruned.</summary>
    public double MeshFailurePenaltyWeight { get; init; }

    /// <summary>P3b decay factor.</summary>
    public double MeshFailurePenaltyDecay { get; init; } = 0.5;

    /// <summary>P4 weight (negative): penalty (squared) for invalid messages: bad signatures, unsigned, oversized or rejected by a validator.</summary>
    public double InvalidMessageDeliveriesWeight { get; init; } = -10;

    /// <summary>P4 decay factor (0.99 per second is a half-life of about 70 s).</summary>
    public double InvalidMessageDeliveriesDecay { get; init; } = 0.99;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent value.</summary>
    public void Validate()
    {
        Require(TopicWeight >= 0, "TopicWeight must be >= 0.");
        Require(TimeInMeshWeight >= 0 && TimeInMeshQuantum > TimeSpan.Zero && TimeInMeshCap > 0, "P1 needs a weight >= 0, a positive quantum and a positive cap.");
        Require(FirstMessageDeliveriesWeight >= 0 && IsDecay(FirstMessageDeliveriesDecay) && FirstMessageDeliveriesCap > 0, "P2 needs a weight >= 0, a decay in (0,1) and a positive cap.");
        Require(MeshMessageDeliveriesWeight <= 0 && IsDecay(MeshMessageDeliveriesDecay) && MeshMessageDeliveriesCap > 0 && MeshMessageDeliveriesThreshold > 0, "P3 needs a weight <= 0, a decay in (0,1), a positive cap and threshold.");
        Require(MeshFailurePenaltyWeight <= 0 && IsDecay(MeshFailurePenaltyDecay), "P3b needs a weight <= 0 and a decay in (0,1).");
        Require(InvalidMessageDeliveriesWeight <= 0 && IsDecay(InvalidMessageDeliveriesDecay), "P4 needs a weight <= 0 and a decay in (0,1).");
    }

    internal static bool IsDecay(double value) => value is > 0 and < 1;

    internal static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Invalid score parameters: {message}");
        }
    }
}
