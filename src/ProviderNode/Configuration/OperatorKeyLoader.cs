using DePinGpu.Protocol.Wallets;

namespace DePinGpu.ProviderNode.Configuration;

/// <summary>
/// Unlocks a keystore with a password from a file or an environment variable — never from argv, never logged.
/// </summary>
public static class OperatorKeyLoader
{
    /// <summary>The environment variable that may hold the operator keystore's password.</summary>
    public const string OperatorPasswordVariable = "DEPIN_OPERATOR_PASSWORD";

    /// <summary>Unlocks <paramref name="keystore"/> with the first line of <paramref name="passwordFile"/>, else the variable <paramref name="passwordVariable"/>.</summary>
    public static async Task<WalletKey> UnlockAsync(string keystore, string? passwordFile, string passwordVariable, CancellationToken cancellationToken)
    {
        string? password;
        if (!string.IsNullOrEmpty(passwordFile))
        {
            if (!File.Exists(passwordFile))
            {
                throw new WalletUnlockException($"The password file {passwordFile} does not exist; create it (mode 600) or fix the path.");
            }

            password = (await File.ReadAllLinesAsync(passwordFile, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        }
        else
        {
            password = Environment.GetEnvironmentVariable(passwordVariable);
        }

        if (password is null)
        {
            throw new WalletUnlockException($"No password for {keystore}: pass --password-file or set {passwordVariable}.");
        }

        return await KeystoreFile.UnlockAsync(keystore, password, cancellationToken).ConfigureAwait(false);
    }
}
