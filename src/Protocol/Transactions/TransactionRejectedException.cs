namespace DePinGpu.Protocol.Transactions;

/// <summary>The node refused the transaction (for example: not enough ether for gas). Nothing was sent.</summary>
public sealed class TransactionRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransactionRejectedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
