namespace DePinGpu.ProviderNode.Specs;

/// <summary>What an uploaded block is to the node.</summary>
public enum UploadKind
{
    /// <summary>No open order names it: refused.</summary>
    Refused,

    /// <summary>The spec of an open order.</summary>
    Spec,

    /// <summary>An input of an open order's spec.</summary>
    Input,
}
