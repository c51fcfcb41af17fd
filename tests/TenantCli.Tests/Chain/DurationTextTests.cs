using CsCheck;
using DePinGpu.TenantCli.Chain;

namespace DePinGpu.TenantCli.Tests.Chain;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("1h30m", 5400)]
    public void Parse_Units_GiveSeconds(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationText.Parse(text, "--duration"));

    [Theory]
    [InlineData("")]
    [InlineData("0s")]
    [InlineData("10")]
    [InlineData("5w")]
    [InlineData("h")]
    [InlineData("-5m")]
    [InlineData("367d")]
    [InlineData("99999999999999999999s")]
    public void TryParse_BadOrOutOfRange_IsFalse(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Fact]
    public void Format_ThenParse_GivesTheSameDuration() =>
        Gen.Int[1, 366 * 86_400].Sample(seconds =>
        {
            var duration = TimeSpan.FromSeconds(seconds);
            Assert.Equal(duration, DurationText.Parse(DurationText.Format(duration), "--duration"));
        });
}
