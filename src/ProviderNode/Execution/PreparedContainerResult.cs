namespace DePinGpu.ProviderNode.Execution;

/// <summary>A container created ahead of a start, or why none was (a missing image is an expected outcome, not a fault).</summary>
public sealed record PreparedContainerResult
{
    private PreparedContainerResult(PreparedContainer? container, string? refusal)
    {
        Container = container;
        Refusal = refusal;
    }

    /// <summary>The container created (or found already created).</summary>
    public PreparedContainer? Container { get; }

    /// <summary>A sentence saying why nothing was created.</summary>
    public string? Refusal { get; }

    /// <summary>A container that is ready to start.</summary>
    public static PreparedContainerResult Success(PreparedContainer container) => new(container, null);

    /// <summary>A refusal with its reason.</summary>
    public static PreparedContainerResult Refused(string reason) => new(null, reason);
}
