namespace DePinGpu.TenantCli.Demo;

/// <summary>What a line of samples/train's output says.</summary>
internal enum TrainingLineKind
{
    /// <summary>Not a line the demo reads.</summary>
    Other,

    /// <summary><c>start device=… first_step=N …</c>: the process started and trains from step N.</summary>
    Started,

    /// <summary><c>resumed from step=N dir=…</c>: it loaded checkpoint N.</summary>
    Resumed,

    /// <summary><c>step=N loss=X</c>.</summary>
    Loss,

    /// <summary><c>checkpoint step=N dir=…</c>: it wrote checkpoint N (the node imports and commits it later).</summary>
    Checkpoint,

    /// <summary><c>done step=N loss=X</c>: it finished.</summary>
    Done,
}
