using System.Numerics;
using CsCheck;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Tests.Chain;

public sealed class TokenAmountTests
{
    [Theory]
    [InlineData("1", "1000000000000000000")]
    [InlineData("0.5", "500000000000000000")]
    [InlineData("0.000000000000000001", "1")]
    [InlineData("1000wei", "1000")]
    [InlineData("12.25", "12250000000000000000")]
    public void Parse_TokensOrWei_GivesWei(string text, string wei) =>
        Assert.Equal(BigInteger.Parse(wei, System.Globalization.CultureInfo.InvariantCulture), TokenAmount.Parse(text, "--amount"));

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1.2.3")]
    [InlineData("0.0000000000000000001")]
    [InlineData("1e18")]
    [InlineData("ten")]
    public void Parse_Malformed_IsAUsageErrorNamingTheOption(string text)
    {
        var error = Assert.Throws<CliException>(() => TokenAmount.Parse(text, "--escrow"));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.StartsWith("--escrow must be a token amount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ThenParse_GivesTheSameWei() =>
        Gen.Select(Gen.ULong, Gen.ULong[0, 1_000_000]).Sample((low, high) =>
        {
            var wei = (new BigInteger(high) << 64) + low;
            Assert.Equal(wei, TokenAmount.Parse(TokenAmount.Format(wei), "--amount"));
        });

    [Fact]
    public void PerSecondFromHourly_NeverExceedsTheHourlyPrice() =>
        Gen.ULong.Sample(weiPerHour =>
        {
            var perSecond = TokenAmount.PerSecondFromHourly(weiPerHour);
            Assert.True(perSecond * 3600 <= weiPerHour && (perSecond + 1) * 3600 > weiPerHour);
        });
}
