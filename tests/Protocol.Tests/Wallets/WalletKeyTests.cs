using DePinGpu.Protocol.Wallets;

namespace DePinGpu.Protocol.Tests.Wallets;

public sealed class WalletKeyTests
{
    [Fact]
    public void ToString_ShowsTheAddressNotTheKey()
    {
        var key = WalletKey.FromPrivateKey("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", key.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0x1234")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141")]
    [InlineData("zz0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")]
    public void FromPrivateKey_InvalidKey_IsRejected(string text)
    {
        Assert.Throws<ArgumentException>(() => WalletKey.FromPrivateKey(text));
    }

    [Fact]
    public void DevKey_ReadsTheVariable_AndRejectsGarbageWithoutEchoingIt()
    {
        var variable = "DEPIN_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
        try
        {
            Assert.Equal("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", DevKey.FromEnvironment(variable)!.Address);
            Environment.SetEnvironmentVariable(variable, "secret-garbage");
            var error = Assert.Throws<WalletUnlockException>(() => DevKey.FromEnvironment(variable));
            Assert.DoesNotContain("secret-garbage", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        Assert.Null(DevKey.FromEnvironment(variable));
    }

    [Fact]
    public void ExportPrivateKey_WithLeadingZeroBytes_IsAlways32BytesBigEndian()
    {
        var text = new string('0', 60) + "beef";

        var exported = WalletKey.FromPrivateKey(text).ExportPrivateKey();

        Assert.Equal(text, Convert.ToHexStringLower(exported));
    }
}
