namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>EmptyBatch()</c>.</summary>
public sealed class EmptyBatchException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public EmptyBatchException(string operation)
        : base("EmptyBatch", operation, $"no lease ids were given; pass at least one.")
    {
    }
}
