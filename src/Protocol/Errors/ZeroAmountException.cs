namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ZeroAmount()</c>.</summary>
public sealed class ZeroAmountException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ZeroAmountException(string operation)
        : base("ZeroAmount", operation, $"the amount is zero; give a positive amount.")
    {
    }
}
