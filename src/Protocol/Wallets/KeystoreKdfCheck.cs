using System.Text.Json;

namespace DePinGpu.Protocol.Wallets;

/// <summary>Bounds the key-derivation cost a keystore file may ask for, before deriving anything.</summary>
internal static class KeystoreKdfCheck
{
    public static void Validate(JsonElement crypto, int maxScryptN, int maxPbkdf2Iterations)
    {
        var cipher = ReadText(crypto, "cipher");
        if (cipher != "aes-128-ctr")
        {
            throw new WalletUnlockException($"The keystore uses cipher '{cipher}'; only aes-128-ctr is supported.");
        }

        var kdf = ReadText(crypto, "kdf");
        if (!crypto.TryGetProperty("kdfparams", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            throw new WalletUnlockException("The keystore has no kdfparams.");
        }

        switch (kdf)
        {
            case "scrypt":
                var n = ReadInt(parameters, "n");
                var r = ReadInt(parameters, "r");
                var p = ReadInt(parameters, "p");
                if (n < 2 || n > maxScryptN || (n & (n - 1)) != 0 || r is < 1 or > 32 || p is < 1 or > 16)
                {
                    throw new WalletUnlockException($"The keystore's scrypt parameters (n={n}, r={r}, p={p}) are outside the accepted range (n ≤ {maxScryptN}).");
                }

                break;
            case "pbkdf2":
                var iterations = ReadInt(parameters, "c");
                if (iterations < 1 || iterations > maxPbkdf2Iterations)
                {
                    throw new WalletUnlockException($"The keystore's pbkdf2 iteration count {iterations} is outside 1..{maxPbkdf2Iterations}.");
                }

                break;
            default:
                throw new WalletUnlockException($"The keystore uses key derivation '{kdf}'; only scrypt and pbkdf2 are supported.");
        }
    }

    private static int ReadInt(JsonElement parameters, string name) =>
        parameters.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new WalletUnlockException($"The keystore's kdfparams.{name} is missing or not an integer.");

    // A field of another JSON type is treated as absent (GetString would throw InvalidOperationException, not a refusal).
    private static string? ReadText(JsonElement crypto, string name) =>
        crypto.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
