using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.Protocol.Tests.Wallets;

public sealed class KeystoreFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-keystore-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task CreateThenUnlock_ReturnsTheSameKey()
    {
        var path = Path.Combine(_directory, "tenant.json");
        var created = await KeystoreFile.CreateAsync(path, "correct horse", ScryptCost.Light, CancellationToken.None);

        var unlocked = await KeystoreFile.UnlockAsync(path, "correct horse", CancellationToken.None);

        Assert.Equal(created.Address, unlocked.Address);
        Assert.Equal(created.ExportPrivateKey(), unlocked.ExportPrivateKey());
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        Assert.Equal(3, document.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("scrypt", document.RootElement.GetProperty("crypto").GetProperty("kdf").GetString());
        Assert.DoesNotContain(Convert.ToHexString(created.ExportPrivateKey()), await File.ReadAllTextAsync(path), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Import_KnownPrivateKey_GivesItsAddress()
    {
        var path = Path.Combine(_directory, "imported.json");
        var key = await KeystoreFile.ImportAsync(path, "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "pw", ScryptCost.Light, CancellationToken.None);

        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", key.Address);
        Assert.Equal(key.Address, (await KeystoreFile.UnlockAsync(path, "pw", CancellationToken.None)).Address);
    }

    [Fact]
    public async Task Unlock_WrongPassword_SaysThePasswordIsWrong()
    {
        var path = Path.Combine(_directory, "k.json");
        var key = await KeystoreFile.CreateAsync(path, "right", ScryptCost.Light, CancellationToken.None);

        var error = await Assert.ThrowsAsync<WalletUnlockException>(() => KeystoreFile.UnlockAsync(path, "wrong", CancellationToken.None));

        Assert.Contains("password does not unlock", error.Message, StringComparison.Ordinal);
        Assert.Contains(key.Address[2..], error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Decrypt_ScryptCostAboveLimit_IsRefusedBeforeDerivation()
    {
        var json = JsonNode.Parse(KeystoreFile.Encrypt(WalletKey.Generate(), "pw", ScryptCost.Light))!;
        json["crypto"]!["kdfparams"]!["n"] = 1 << 24;

        var error = Assert.Throws<WalletUnlockException>(() => KeystoreFile.Decrypt(json.ToJsonString(), "pw"));

        Assert.Contains("outside the accepted range", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("{\"version\":3}")]
    [InlineData("{\"version\":3,\"crypto\":{\"cipher\":\"aes-128-ctr\",\"kdf\":\"argon2\",\"kdfparams\":{}}}")]
    public void Decrypt_MalformedKeystore_GivesClearError(string json)
    {
        Assert.Throws<WalletUnlockException>(() => KeystoreFile.Decrypt(json, "pw"));
    }

    [Fact]
    public async Task Unlock_MissingFile_SaysSo()
    {
        var error = await Assert.ThrowsAsync<WalletUnlockException>(() => KeystoreFile.UnlockAsync(Path.Combine(_directory, "none.json"), "pw", CancellationToken.None));
        Assert.Contains("No keystore file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_WritesOwnerOnlyFile()
    {
        var path = Path.Combine(_directory, "perm.json");
        await KeystoreFile.CreateAsync(path, "pw", ScryptCost.Light, CancellationToken.None);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
