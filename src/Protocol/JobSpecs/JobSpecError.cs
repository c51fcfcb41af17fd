namespace DePinGpu.Protocol.JobSpecs;

/// <summary>One reason a spec was refused: where (a JSON path such as <c>$.resources.gpus</c>) and why.</summary>
public sealed record JobSpecError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
