namespace DePinGpu.ProviderNode.Verifier;

/// <summary>What happened to one lease of a report or close attempt.</summary>
public enum LeaseVerdict
{
    /// <summary>Our transaction reported (or closed) it.</summary>
    Won,

    /// <summary>It is no longer reportable (closable): another verifier was first, or its state changed. Normal.</summary>
    Lost,

    /// <summary>The chain says its provider is still live (or it is not due yet): look again later.</summary>
    NotYet,
}
