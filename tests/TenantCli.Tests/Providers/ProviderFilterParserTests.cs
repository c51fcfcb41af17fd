using System.Globalization;
using System.Numerics;
using CsCheck;
using DePinGpu.TenantCli.Providers;

namespace DePinGpu.TenantCli.Tests.Providers;

public sealed class ProviderFilterParserTests
{
    private static readonly Gen<FilterTerm> Terms = Gen.OneOf(
        Gen.Select(Gen.String[Gen.Char["ABCXYZrtx0123456789-_."], 1, 20], Gen.Bool, (model, equal) =>
            new FilterTerm(FilterField.Gpu, equal ? FilterOperator.Equal : FilterOperator.NotEqual, model, 0, false)),
        Gen.Select(Gen.Enum<FilterField>().Where(f => f is FilterField.Gpus or FilterField.Vram or FilterField.Stake or FilterField.Price), Gen.Enum<FilterOperator>(), Gen.Int[0, 1_000_000], Gen.Int[0, 3],
            (field, op, value, scale) =>
            {
                var number = new decimal(value, 0, 0, false, (byte)scale);
                return new FilterTerm(field, op, number.ToString(CultureInfo.InvariantCulture), number, false);
            }),
        Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, (live, equal, flag) =>
            new FilterTerm(live ? FilterField.Live : FilterField.Jailed, equal ? FilterOperator.Equal : FilterOperator.NotEqual, flag ? "true" : "false", 0, flag)));

    [Fact]
    public void Parse_TheIssuesExample_GivesItsThreeTerms()
    {
        var result = ProviderFilterParser.Parse("gpu=RTX4090 vram>=24 price<0.5");
        Assert.NotNull(result.Filter);
        Assert.Equal(
            [
                new FilterTerm(FilterField.Gpu, FilterOperator.Equal, "RTX4090", 0, false),
                new FilterTerm(FilterField.Vram, FilterOperator.GreaterOrEqual, "24", 24, false),
                new FilterTerm(FilterField.Price, FilterOperator.Less, "0.5", 0.5m, false),
            ],
            result.Filter.Terms);
    }

    [Theory]
    [InlineData("vram", "'vram' is not a term")]
    [InlineData("color=red", "Unknown field 'color'")]
    [InlineData("1=2", "Unknown field '1'")]
    [InlineData("gpu>RTX4090", "gpu compares with = or != only")]
    [InlineData("vram>=lots", "vram takes a non-negative number")]
    [InlineData("vram>=-1", "vram takes a non-negative number")]
    [InlineData("jailed=maybe", "jailed is true or false")]
    [InlineData("gpu=", "a GPU model is 1 to 64")]
    [InlineData("=24", "is not a term")]
    public void Parse_BadTerm_SaysWhatIsAllowed(string expression, string expected)
    {
        var result = ProviderFilterParser.Parse(expression);
        Assert.Null(result.Filter);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyTermsOrTooLong_IsRefused()
    {
        Assert.Contains("at most 16", ProviderFilterParser.Parse(string.Join(' ', Enumerable.Repeat("vram>=1", 17))).Error, StringComparison.Ordinal);
        Assert.Contains("at most 512", ProviderFilterParser.Parse(new string('a', 513)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrittenFilter_ParsesBackToTheSameTerms() =>
        Terms.Array[0, 16].Sample(terms =>
        {
            var written = new ProviderFilter(terms).ToString();
            var parsed = ProviderFilterParser.Parse(written);
            Assert.True(parsed.Filter is not null, parsed.Error);
            Assert.Equal(terms.Select(t => t.ToString()), parsed.Filter.Terms.Select(t => t.ToString()));
            Assert.Equal(terms.Select(t => (t.Field, t.Operator, t.Number, t.Flag)), parsed.Filter.Terms.Select(t => (t.Field, t.Operator, t.Number, t.Flag)));
        });

    [Fact]
    public void Parse_AnyText_NeverThrows() =>
        Gen.String[Gen.Char["gpuvramstkejildpc<>=!. 0123456789RTX-_\t"], 0, 80].Sample(text =>
        {
            var result = ProviderFilterParser.Parse(text);
            Assert.True(result.Filter is null != (result.Error is null));
        });

    [Fact]
    public void Matches_VramAtLeast_KeepsExactlyTheProvidersWithThatMuchVram() =>
        Gen.Select(Gen.UInt[0, 200], Gen.UInt[0, 200]).Sample((vram, threshold) =>
        {
            var filter = ProviderFilterParser.Parse($"vram>={threshold}").Filter!;
            Assert.Equal(vram >= threshold, filter.Matches(Row(vram: vram)));
        });

    [Fact]
    public void Matches_EveryTermMustHold()
    {
        var filter = ProviderFilterParser.Parse("gpu=rtx4090 gpus>=2 stake>=1000 jailed=false live=true").Filter!;
        Assert.True(filter.Matches(Row(gpus: 2, stakeTokens: 1000)));
        Assert.False(filter.Matches(Row(gpus: 1, stakeTokens: 1000)));
        Assert.False(filter.Matches(Row(gpus: 2, stakeTokens: 999)));
        Assert.False(filter.Matches(Row(gpus: 2, stakeTokens: 1000) with { Jailed = true }));
        Assert.False(filter.Matches(Row(gpus: 2, stakeTokens: 1000) with { Live = false }));
        Assert.False(filter.Matches(Row(gpus: 2, stakeTokens: 1000) with { GpuModel = "A100" }));
    }

    private static ProviderRow Row(uint vram = 24, uint gpus = 1, int stakeTokens = 2000) =>
        new("0x1", "RTX4090", gpus, vram, BigInteger.Pow(10, 18) * stakeTokens, Jailed: false, Live: true);
}
