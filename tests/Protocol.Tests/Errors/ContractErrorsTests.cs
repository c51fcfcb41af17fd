using System.Numerics;
using System.Reflection;
using System.Text.Json;
using DePinGpu.Protocol.Errors;
using DePinGpu.TestSupport;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace DePinGpu.Protocol.Tests.Errors;

public sealed class ContractErrorsTests
{
    private static readonly string[] Artifacts =
    [
        "artifacts/contracts/ProviderRegistry.sol/ProviderRegistry.json",
        "artifacts/contracts/LeaseMarket.sol/LeaseMarket.json",
        "artifacts/contracts/LeaseMarketExtension.sol/LeaseMarketExtension.json",
        "artifacts/contracts/test-token/DevToken.sol/DevToken.json",
    ];

    /// <summary>Every custom error in the compiled ABIs (distinct by signature).</summary>
    public static TheoryData<string, string> AbiErrors()
    {
        var data = new TheoryData<string, string>();
        var seen = new HashSet<string>();
        foreach (var artifact in Artifacts)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, artifact)));
            foreach (var item in document.RootElement.GetProperty("abi").EnumerateArray().Where(i => i.GetProperty("type").GetString() == "error"))
            {
                var signature = item.GetProperty("name").GetString() + "(" + string.Join(",", item.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("type").GetString())) + ")";
                if (seen.Add(signature))
                {
                    data.Add(signature, item.GetRawText());
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AbiErrors))]
    public void EveryAbiError_DecodesToItsTypedException_WithTheEncodedValues(string signature, string abiJson)
    {
        using var abi = JsonDocument.Parse(abiJson);
        var name = abi.RootElement.GetProperty("name").GetString()!;
        var inputs = abi.RootElement.GetProperty("inputs").EnumerateArray()
            .Select((input, index) => (Name: input.GetProperty("name").GetString()!, Type: input.GetProperty("type").GetString()!, Index: index))
            .ToArray();
        var values = inputs.Select(i => SampleValue(i.Type, i.Index)).ToArray();
        var parameters = inputs.Select(i => new Parameter(i.Type, i.Name, i.Index + 1, null, null)).ToArray();
        var selector = Sha3Keccack.Current.CalculateHash(signature)[..8];
        var data = "0x" + selector + new ParametersEncoder().EncodeParameters(parameters, values).ToHex(false);

        var exception = ContractErrors.CreateDecoder().Decode(data, "test operation");

        Assert.Equal(name + "Exception", exception.GetType().Name);
        Assert.Equal(name, exception.ErrorName);
        Assert.StartsWith("test operation was rejected by the contract", exception.Message, StringComparison.Ordinal);
        // Properties follow the constructor's parameters, in ABI order (an error shared by two contracts may name them differently).
        var names = exception.GetType().GetConstructors().Single().GetParameters().Skip(1).Select(p => p.Name!.TrimStart('@')).ToArray();
        Assert.Equal(inputs.Length, names.Length);
        foreach (var ((input, value), parameterName) in inputs.Zip(values).Zip(names))
        {
            var property = exception.GetType().GetProperty(char.ToUpperInvariant(parameterName[0]) + parameterName[1..], BindingFlags.Public | BindingFlags.Instance);
            Assert.NotNull(property);
            Assert.Equal(Expected(input.Type, input.Name, value), Normalise(property.GetValue(exception)));
        }
    }

    [Fact]
    public void RevertString_AndPanic_AndGarbage_AreTyped()
    {
        var decoder = ContractErrors.CreateDecoder();
        var reason = "0x08c379a0" + new ParametersEncoder().EncodeParameters([new Parameter("string", "reason", 1, null, null)], ["no way"]).ToHex(false);

        Assert.Equal("no way", Assert.IsType<RevertReasonException>(decoder.Decode(reason, "op")).Reason);
        Assert.Equal(new BigInteger(0x11), Assert.IsType<PanicException>(decoder.Decode("0x4e487b71" + new string('0', 62) + "11", "op")).Code);
        Assert.IsType<UnknownRevertException>(decoder.Decode("0xdeadbeef", "op"));
        Assert.IsType<UnknownRevertException>(decoder.Decode(null, "op"));
        Assert.IsType<UnknownRevertException>(decoder.Decode("0x" + Sha3Keccack.Current.CalculateHash("StaleEpoch(uint256,uint32,uint32)")[..8] + "00", "op"));
    }

    private static object SampleValue(string type, int index) => type switch
    {
        "uint256" => new BigInteger(1_000_000_007) + index,
        "uint64" or "uint48" => (ulong)(1_700_000_000 + index),
        "uint32" => (uint)(7 + index),
        "uint16" => (ushort)(3 + index),
        "uint8" => (byte)1,
        "address" => "0x" + (index + 1).ToString("x40"),
        "bytes32" => System.Text.Encoding.ASCII.GetBytes("field".PadRight(32, '\0')),
        "string" => "text",
        _ => throw new NotSupportedException($"No sample for ABI type {type}; extend the test."),
    };

    private static object Expected(string type, string name, object value) => type switch
    {
        "address" => ((string)value).ToLowerInvariant(),
        "bytes32" when name is "what" or "field" or "name" => "field",
        "bytes32" => "0x" + Convert.ToHexStringLower((byte[])value),
        "uint8" => 1L,
        _ => Normalise(value)!,
    };

    private static object? Normalise(object? value) => value switch
    {
        string text when text.StartsWith("0x", StringComparison.Ordinal) && text.Length == 42 => text.ToLowerInvariant(),
        Enum e => Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture),
        byte b => (long)b,
        ushort u => (long)u,
        uint u => (long)u,
        ulong u => new BigInteger(u),
        BigInteger b => b,
        _ => value,
    };
}
