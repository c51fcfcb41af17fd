namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>Gossipsub control messages carried in field 3 of an <see cref="Rpc"/>.</summary>
public sealed class ControlMessage
{
    /// <summary>IHAVE announcements (field 1).</summary>
    public IReadOnlyList<ControlIHave> IHave { get; init; } = [];

    /// <summary>IWANT requests (field 2).</summary>
    public IReadOnlyList<ControlIWant> IWant { get; init; } = [];

    /// <summary>GRAFT requests (field 3).</summary>
    public IReadOnlyList<ControlGraft> Graft { get; init; } = [];

    /// <summary>PRUNE notices (field 4).</summary>
    public IReadOnlyList<ControlPrune> Prune { get; init; } = [];

    /// <summary>IDONTWANT hints of gossipsub v1.2 (field 5); decoded and ignored by this router.</summary>
    public IReadOnlyList<ControlIDontWant> IDontWant { get; init; } = [];

    /// <summary>True when no control entry is present.</summary>
    public bool IsEmpty => IHave.Count == 0 && IWant.Count == 0 && Graft.Count == 0 && Prune.Count == 0 && IDontWant.Count == 0;
}
