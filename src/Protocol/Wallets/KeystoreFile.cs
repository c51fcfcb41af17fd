using System.Text.Json;
using Nethereum.KeyStore;
using Nethereum.KeyStore.Crypto;
using Nethereum.KeyStore.Model;

namespace DePinGpu.Protocol.Wallets;

/// <summary>
/// Web3 Secret Storage v3 keystores (the geth/MetaMask file format) with scrypt: create, import, unlock.
/// Files are checked for shape and bounded cost before any key derivation runs.
/// </summary>
public static class KeystoreFile
{
    /// <summary>Largest scrypt N accepted when unlocking (a file cannot make us spend unbounded memory).</summary>
    public const int MaxScryptN = 1 << 20;

    /// <summary>Largest keystore file accepted.</summary>
    public const int MaxFileBytes = 64 * 1024;

    private const int MaxPbkdf2Iterations = 10_000_000;

    /// <summary>Encrypts <paramref name="key"/> under <paramref name="password"/> into keystore JSON.</summary>
    public static string Encrypt(WalletKey key, string password, ScryptCost? cost = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(password);
        var chosen = cost ?? ScryptCost.Standard;
        chosen.Validate();
        var parameters = new ScryptParams { Dklen = 32, N = chosen.N, R = chosen.R, P = chosen.P };
        var service = new KeyStoreScryptService();
        var privateKey = key.ExportPrivateKey();
        try
        {
            return service.EncryptAndGenerateKeyStoreAsJson(password, privateKey, key.Address, parameters);
        }
        finally
        {
            Array.Clear(privateKey);
        }
    }

    /// <summary>Unlocks keystore JSON; a wrong password gives <see cref="WalletUnlockException"/>.</summary>
    public static WalletKey Decrypt(string json, string password)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(password);
        var address = ValidateShape(json);
        byte[] privateKey;
        try
        {
            privateKey = new KeyStoreService().DecryptKeyStoreFromJson(password, json);
        }
        catch (DecryptionException exception)
        {
            throw new WalletUnlockException($"The password does not unlock the keystore of {address}: check the password and try again.", exception);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or Newtonsoft.Json.JsonException)
        {
            throw new WalletUnlockException($"The keystore of {address} is damaged ({exception.Message}); restore it from a backup.", exception);
        }

        try
        {
            var key = WalletKey.FromPrivateKey(privateKey);
            if (!string.Equals(key.Address[2..], address, StringComparison.OrdinalIgnoreCase) && address.Length > 0)
            {
                throw new WalletUnlockException($"The keystore says it holds {address} but its key belongs to {key.Address}; the file was altered.");
            }

            return key;
        }
        finally
        {
            Array.Clear(privateKey);
        }
    }

    /// <summary>Writes <paramref name="key"/> to <paramref name="path"/> as a keystore (owner-only permissions on Unix).</summary>
    public static async Task SaveAsync(string path, WalletKey key, string password, ScryptCost? cost, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var json = Encrypt(key, password, cost);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, options))
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(json), cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: false);
    }

    /// <summary>Creates a new random key and writes it to <paramref name="path"/>.</summary>
    public static async Task<WalletKey> CreateAsync(string path, string password, ScryptCost? cost, CancellationToken cancellationToken)
    {
        var key = WalletKey.Generate();
        await SaveAsync(path, key, password, cost, cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>Imports a hex private key into a new keystore at <paramref name="path"/>.</summary>
    public static async Task<WalletKey> ImportAsync(string path, string privateKeyHex, string password, ScryptCost? cost, CancellationToken cancellationToken)
    {
        var key = WalletKey.FromPrivateKey(privateKeyHex);
        await SaveAsync(path, key, password, cost, cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>Reads and unlocks the keystore at <paramref name="path"/>.</summary>
    public static async Task<WalletKey> UnlockAsync(string path, string password, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new WalletUnlockException($"No keystore file at {path}: create one or give the right path.");
        }

        if (info.Length > MaxFileBytes)
        {
            throw new WalletUnlockException($"{path} is {info.Length} bytes, too large to be a keystore file (at most {MaxFileBytes}).");
        }

        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Decrypt(json, password);
    }

    /// <summary>Checks the keystore's version, cipher and KDF cost; returns its address field (hex, no 0x).</summary>
    private static string ValidateShape(string json)
    {
        if (json.Length > MaxFileBytes)
        {
            throw new WalletUnlockException("The keystore text is too large to be a keystore file.");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != 3)
            {
                throw new WalletUnlockException("The file is not a version 3 keystore (Web3 Secret Storage).");
            }

            var crypto = root.TryGetProperty("crypto", out var lower) ? lower
                : root.TryGetProperty("Crypto", out var upper) ? upper
                : throw new WalletUnlockException("The keystore has no crypto section.");
            KeystoreKdfCheck.Validate(crypto, MaxScryptN, MaxPbkdf2Iterations);
            return root.TryGetProperty("address", out var address) && address.ValueKind == JsonValueKind.String
                ? address.GetString()!.Replace("0x", string.Empty, StringComparison.OrdinalIgnoreCase)
                : string.Empty;
        }
        catch (JsonException exception)
        {
            throw new WalletUnlockException("The keystore is not valid JSON; restore it from a backup.", exception);
        }
    }
}
