namespace DePinGpu.Protocol.Wallets;

/// <summary>A keystore could not be read or unlocked; the message says what to do.</summary>
public sealed class WalletUnlockException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WalletUnlockException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
