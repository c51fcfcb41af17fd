namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ERC20InvalidReceiver(address receiver)</c>.</summary>
public sealed class ERC20InvalidReceiverException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ERC20InvalidReceiverException(string operation, string receiver)
        : base("ERC20InvalidReceiver", operation, $"tokens cannot be sent to {receiver}; give a real recipient.")
    {
        Receiver = receiver;
    }

    /// <summary>The error's <c>receiver</c>.</summary>
    public string Receiver { get; }
}
