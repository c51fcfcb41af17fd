namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ERC20InvalidSender(address sender)</c>.</summary>
public sealed class ERC20InvalidSenderException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ERC20InvalidSenderException(string operation, string sender)
        : base("ERC20InvalidSender", operation, $"tokens cannot be sent from {sender}; use a real account.")
    {
        Sender = sender;
    }

    /// <summary>The error's <c>sender</c>.</summary>
    public string Sender { get; }
}
