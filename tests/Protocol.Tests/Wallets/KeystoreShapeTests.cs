using System.Text.Json.Nodes;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.Protocol.Tests.Wallets;

/// <summary>
/// The shape and cost checks a keystore passes before any key derivation: each refusal names its own reason, and the
/// accepted ranges end exactly where documented (written from the mutants that survived scripts/mutation.sh keystores).
/// </summary>
public sealed class KeystoreShapeTests : IDisposable
{
    private const string Password = "pw";
    private static readonly string Template = KeystoreFile.Encrypt(WalletKey.Generate(), Password, new ScryptCost(2, 1, 1));

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-keystore-shape-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(2, 1, 1)]
    [InlineData(4, 32, 16)]
    public void ScryptCost_AtTheEdgesOfTheAcceptedRange_WritesAKeystoreThatUnlocks(int n, int r, int p)
    {
        var key = WalletKey.Generate();

        var json = KeystoreFile.Encrypt(key, Password, new ScryptCost(n, r, p));

        var kdfParameters = JsonNode.Parse(json)!["crypto"]!["kdfparams"]!;
        Assert.Equal(n, kdfParameters["n"]!.GetValue<int>());
        Assert.Equal(r, kdfParameters["r"]!.GetValue<int>());
        Assert.Equal(p, kdfParameters["p"]!.GetValue<int>());
        Assert.Equal(key.ExportPrivateKey(), KeystoreFile.Decrypt(json, Password).ExportPrivateKey());
    }

    [Theory]
    [InlineData(1, 8, 1)]
    [InlineData(0, 8, 1)]
    [InlineData(6, 8, 1)]
    [InlineData(KeystoreFile.MaxScryptN * 2, 8, 1)]
    [InlineData(4, 0, 1)]
    [InlineData(4, 33, 1)]
    [InlineData(4, 8, 0)]
    [InlineData(4, 8, 17)]
    public void ScryptCost_OutsideTheAcceptedRange_IsRefusedBeforeWriting(int n, int r, int p)
    {
        var error = Assert.Throws<ArgumentException>(() => KeystoreFile.Encrypt(WalletKey.Generate(), Password, new ScryptCost(n, r, p)));

        Assert.StartsWith("scrypt ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 8, 1)]
    [InlineData(0, 8, 1)]
    [InlineData(6, 8, 1)]
    [InlineData(KeystoreFile.MaxScryptN * 2, 8, 1)]
    [InlineData(4, 0, 1)]
    [InlineData(4, 33, 1)]
    [InlineData(4, 8, 0)]
    [InlineData(4, 8, 17)]
    public void Decrypt_ScryptParametersOutsideTheAcceptedRange_AreRefusedNamingThem(int n, int r, int p)
    {
        var json = JsonNode.Parse(Template)!;
        var kdfParameters = json["crypto"]!["kdfparams"]!;
        kdfParameters["n"] = n;
        kdfParameters["r"] = r;
        kdfParameters["p"] = p;

        var error = Assert.Throws<WalletUnlockException>(() => KeystoreFile.Decrypt(json.ToJsonString(), Password));

        Assert.Contains($"(n={n}, r={r}, p={p}) are outside the accepted range", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("n")]
    [InlineData("r")]
    [InlineData("p")]
    public void Decrypt_ScryptParameterMissingOrNotAnInteger_IsRefusedNamingIt(string name)
    {
        var missing = JsonNode.Parse(Template)!;
        missing["crypto"]!["kdfparams"]!.AsObject().Remove(name);
        var text = JsonNode.Parse(Template)!;
        text["crypto"]!["kdfparams"]![name] = "8";

        foreach (var json in new[] { missing, text })
        {
            var error = Assert.Throws<WalletUnlockException>(() => KeystoreFile.Decrypt(json.ToJsonString(), Password));
            Assert.Contains($"kdfparams.{name} is missing or not an integer", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("{\"cipher\":\"aes-256-cbc\",\"kdf\":\"scrypt\",\"kdfparams\":{\"n\":2,\"r\":1,\"p\":1}}", "cipher 'aes-256-cbc'; only aes-128-ctr")]
    [InlineData("{\"kdf\":\"scrypt\",\"kdfparams\":{\"n\":2,\"r\":1,\"p\":1}}", "cipher ''; only aes-128-ctr")]
    [InlineData("{\"cipher\":128,\"kdf\":\"scrypt\",\"kdfparams\":{\"n\":2,\"r\":1,\"p\":1}}", "cipher ''; only aes-128-ctr")]
    [InlineData("{\"cipher\":\"aes-128-ctr\",\"kdf\":{\"name\":\"scrypt\"},\"kdfparams\":{\"n\":2,\"r\":1,\"p\":1}}", "key derivation ''; only scrypt")]
    [InlineData("{\"cipher\":\"aes-128-ctr\",\"kdf\":\"scrypt\"}", "has no kdfparams")]
    [InlineData("{\"cipher\":\"aes-128-ctr\",\"kdf\":\"scrypt\",\"kdfparams\":[2,1,1]}", "has no kdfparams")]
    [InlineData("{\"cipher\":\"aes-128-ctr\",\"kdfparams\":{\"n\":2,\"r\":1,\"p\":1}}", "key derivation ''; only scrypt and pbkdf2")]
    [InlineData("{\"cipher\":\"aes-128-ctr\",\"kdf\":\"argon2\",\"kdfparams\":{}}", "key derivation 'argon2'; only scrypt and pbkdf2")]
    [InlineData("{\"cipher\":\"aes-128-ctr\",\"kdf\":\"pbkdf2\",\"kdfparams\":{\"c\":0}}", "iteration count 0 is outside 1..10000000")]
    [InlineData("{\"cipher\":\"aes-128-ctr\",\"kdf\":\"pbkdf2\",\"kdfparams\":{}}", "kdfparams.c is missing")]
    public void Decrypt_CryptoSectionWeCannotUse_IsRefusedWithItsReason(string crypto, string reason)
    {
        var json = "{\"version\":3,\"crypto\":" + crypto + "}";

        var error = Assert.Throws<WalletUnlockException>(() => KeystoreFile.Decrypt(json, Password));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "not a version 3 keystore")]
    [InlineData("{\"version\":\"3\"}", "not a version 3 keystore")]
    [InlineData("{\"version\":2,\"crypto\":{}}", "not a version 3 keystore")]
    [InlineData("{\"version\":4,\"crypto\":{}}", "not a version 3 keystore")]
    [InlineData("{\"version\":3}", "has no crypto section")]
    [InlineData("not json", "not valid JSON")]
    public void Decrypt_NotAKeystore_IsRefusedWithItsReason(string json, string reason)
    {
        var error = Assert.Throws<WalletUnlockException>(() => KeystoreFile.Decrypt(json, Password));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_TextLongerThanAKeystoreFile_IsRefusedBeforeParsing()
    {
        var json = Template[..^1] + ",\"padding\":\"" + new string('x', KeystoreFile.MaxFileBytes) + "\"}";

        var error = Assert.Throws<WalletUnlockException>(() => KeystoreFile.Decrypt(json, Password));

        Assert.Contains("too large to be a keystore file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_TextOfExactlyTheLargestFileSize_IsUnlocked()
    {
        var json = Template[..^1] + ",\"padding\":\"\"}";
        json = json[..^2] + new string('x', KeystoreFile.MaxFileBytes - json.Length) + "\"}";

        Assert.Equal(KeystoreFile.MaxFileBytes, json.Length);
        Assert.NotNull(KeystoreFile.Decrypt(json, Password));
    }

    [Fact]
    public async Task Unlock_FileLargerThanAKeystore_IsRefusedNamingItsSize()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "large.json");
        await File.WriteAllTextAsync(path, new string(' ', KeystoreFile.MaxFileBytes + 1));

        var error = await Assert.ThrowsAsync<WalletUnlockException>(() => KeystoreFile.UnlockAsync(path, Password, CancellationToken.None));

        Assert.Contains($"is {KeystoreFile.MaxFileBytes + 1} bytes, too large", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0x")]
    [InlineData("0X")]
    public void Decrypt_AddressFieldAbsentOrPrefixed_UnlocksToTheKey(string? prefix)
    {
        var key = WalletKey.Generate();
        var json = JsonNode.Parse(KeystoreFile.Encrypt(key, Password, new ScryptCost(2, 1, 1)))!;
        if (prefix is null)
        {
            json.AsObject().Remove("address");
        }
        else
        {
            json["address"] = prefix + json["address"]!.GetValue<string>();
        }

        Assert.Equal(key.Address, KeystoreFile.Decrypt(json.ToJsonString(), Password).Address);
    }

    [Fact]
    public void Decrypt_DamagedCiphertextEncoding_SaysTheKeystoreIsDamaged()
    {
        var json = JsonNode.Parse(Template)!;
        json["crypto"]!["ciphertext"] = "not hex";

        var error = Assert.Throws<WalletUnlockException>(() => KeystoreFile.Decrypt(json.ToJsonString(), Password));

        Assert.Contains("is damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_Missing_AreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => KeystoreFile.Encrypt(null!, Password));
        Assert.Throws<ArgumentNullException>(() => KeystoreFile.Encrypt(WalletKey.Generate(), null!));
        Assert.Throws<ArgumentNullException>(() => KeystoreFile.Decrypt(null!, Password));
        Assert.Throws<ArgumentNullException>(() => KeystoreFile.Decrypt(Template, null!));
    }

    [Fact]
    public async Task Unlock_FileOfExactlyTheLargestSize_IsUnlocked()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "largest.json");
        var json = Template[..^1] + ",\"padding\":\"\"}";
        await File.WriteAllTextAsync(path, json[..^2] + new string('x', KeystoreFile.MaxFileBytes - json.Length) + "\"}");

        Assert.Equal(KeystoreFile.MaxFileBytes, new FileInfo(path).Length);
        Assert.NotNull(await KeystoreFile.UnlockAsync(path, Password, CancellationToken.None));
    }

    [Fact]
    public async Task Save_OverAnExistingKeystore_IsRefusedAndKeepsTheOldKey()
    {
        var path = Path.Combine(_directory, "existing.json");
        var original = await KeystoreFile.CreateAsync(path, Password, new ScryptCost(2, 1, 1), CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() => KeystoreFile.CreateAsync(path, Password, new ScryptCost(2, 1, 1), CancellationToken.None));

        Assert.Equal(original.Address, (await KeystoreFile.UnlockAsync(path, Password, CancellationToken.None)).Address);
    }

    [Fact]
    public void Decrypt_AddressFieldThatIsNotText_IsTreatedAsAbsent()
    {
        var key = WalletKey.Generate();
        var json = JsonNode.Parse(KeystoreFile.Encrypt(key, Password, new ScryptCost(2, 1, 1)))!;
        json["address"] = 42;

        Assert.Equal(key.Address, KeystoreFile.Decrypt(json.ToJsonString(), Password).Address);
    }

    [Fact]
    public void Decrypt_Pbkdf2WithOneIteration_IsTheSmallestAcceptedCount()
    {
        var key = WalletKey.Generate();
        var json = new Nethereum.KeyStore.KeyStorePbkdf2Service().EncryptAndGenerateKeyStoreAsJson(
            Password, key.ExportPrivateKey(), key.Address, new Nethereum.KeyStore.Model.Pbkdf2Params { Dklen = 32, Count = 1, Prf = "hmac-sha256" });

        Assert.Equal(1, JsonNode.Parse(json)!["crypto"]!["kdfparams"]!["c"]!.GetValue<int>());
        Assert.Equal(key.Address, KeystoreFile.Decrypt(json, Password).Address);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
