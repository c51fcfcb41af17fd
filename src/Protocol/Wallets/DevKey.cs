namespace DePinGpu.Protocol.Wallets;

/// <summary>Reads a development key from an environment variable (devnet only: the key sits in plain text).</summary>
public static class DevKey
{
    /// <summary>The variable read by default.</summary>
    public const string DefaultVariable = "DEPIN_DEV_KEY";

    /// <summary>The key in <paramref name="variable"/>, or null when the variable is not set.</summary>
    public static WalletKey? FromEnvironment(string variable = DefaultVariable)
    {
        ArgumentException.ThrowIfNullOrEmpty(variable);
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            return WalletKey.FromPrivateKey(value);
        }
        catch (ArgumentException exception)
        {
            // The message must not echo the value: it is a private key.
            throw new WalletUnlockException($"The environment variable {variable} does not hold a valid private key: {exception.Message}", exception);
        }
    }
}
