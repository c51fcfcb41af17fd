using System.Text.Json;
using System.Text.RegularExpressions;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Wallets;

/// <summary>The folder of v3 keystores, one <c>&lt;name&gt;.json</c> per wallet.</summary>
internal sealed partial class WalletDirectory
{
    /// <summary>Creates a view of <paramref name="path"/> (nothing is read or created yet).</summary>
    public WalletDirectory(string path) => Path = path;

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The keystore file of <paramref name="name"/>; throws a usage error for a name that is not a plain file name.</summary>
    public string FileOf(string name) =>
        WalletName().IsMatch(name)
            ? System.IO.Path.Combine(Path, name + ".json")
            : throw CliException.Usage($"'{name}' is not a wallet name: use 1 to 64 letters, digits, '-' or '_'.");

    /// <summary>Every keystore in the folder, by name (none when the folder does not exist).</summary>
    public IReadOnlyList<WalletEntry> List()
    {
        if (!Directory.Exists(Path))
        {
            return [];
        }

        return Directory.EnumerateFiles(Path, "*.json")
            .Select(file => (Name: System.IO.Path.GetFileNameWithoutExtension(file), File: file))
            .Where(item => WalletName().IsMatch(item.Name))
            .Select(item => new WalletEntry(item.Name, AddressOf(item.File), item.File))
            .OrderBy(entry => entry.Name, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The entry of <paramref name="name"/>; throws not-found when there is none.</summary>
    public WalletEntry Find(string name)
    {
        var file = FileOf(name);
        return File.Exists(file)
            ? new WalletEntry(name, AddressOf(file), file)
            : throw CliException.NotFound($"No wallet '{name}' in {Path}: create it with `depin wallet new {name}` or import one with `depin wallet import {name}`.");
    }

    /// <summary>Writes <paramref name="key"/> as a new keystore; refuses to overwrite one.</summary>
    public async Task<WalletEntry> SaveAsync(string name, WalletKey key, string password, ScryptCost cost, CancellationToken cancellationToken)
    {
        var file = FileOf(name);
        if (File.Exists(file))
        {
            throw CliException.Usage($"A wallet named '{name}' already exists ({file}); choose another name.");
        }

        await KeystoreFile.SaveAsync(file, key, password, cost, cancellationToken).ConfigureAwait(false);
        return new WalletEntry(name, key.Address, file);
    }

    /// <summary>Unlocks the keystore of <paramref name="name"/>.</summary>
    public async Task<WalletKey> UnlockAsync(string name, string password, CancellationToken cancellationToken)
    {
        var entry = Find(name);
        try
        {
            return await KeystoreFile.UnlockAsync(entry.Path, password, cancellationToken).ConfigureAwait(false);
        }
        catch (WalletUnlockException exception)
        {
            throw CliException.Wallet($"Cannot unlock wallet '{name}': {exception.Message}");
        }
    }

    /// <summary>The address a keystore declares (v3 "address" field), without decrypting it.</summary>
    private static string AddressOf(string file)
    {
        try
        {
            if (new FileInfo(file).Length > KeystoreFile.MaxFileBytes)
            {
                return "(not a keystore: too large)";
            }

            using var document = JsonDocument.Parse(File.ReadAllText(file));
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("address", out var address) && address.ValueKind == JsonValueKind.String
                ? "0x" + address.GetString()!.Replace("0x", string.Empty, StringComparison.OrdinalIgnoreCase)
                : "(no address field)";
        }
        catch (JsonException)
        {
            return "(not a keystore: invalid JSON)";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex WalletName();
}
