namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ZeroAddress(bytes32 what)</c>.</summary>
public sealed class ZeroAddressException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ZeroAddressException(string operation, string what)
        : base("ZeroAddress", operation, $"the {what} address is zero; give a real address.")
    {
        What = what;
    }

    /// <summary>The error's <c>what</c>.</summary>
    public string What { get; }
}
