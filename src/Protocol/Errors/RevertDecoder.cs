using System.Numerics;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;

namespace DePinGpu.Protocol.Errors;

/// <summary>
/// Turns revert data into a typed <see cref="ContractRevertException"/>: custom errors by selector (registered
/// with their generated binding type), <c>Error(string)</c> and <c>Panic(uint256)</c>.
/// </summary>
public sealed class RevertDecoder
{
    private const string ErrorStringSelector = "08c379a0";
    private const string PanicSelector = "4e487b71";
    private readonly Dictionary<string, Func<string, string, ContractRevertException>> _factories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The selectors (4-byte, hex without 0x) of every registered custom error.</summary>
    public IReadOnlyCollection<string> Selectors => _factories.Keys;

    /// <summary>Registers a custom error binding type and how to build its exception.</summary>
    public RevertDecoder Register<TError>(Func<TError, string, ContractRevertException> create)
        where TError : class, new()
    {
        ArgumentNullException.ThrowIfNull(create);
        var abi = ABITypedRegistry.GetError<TError>();
        var selector = abi.Sha3Signature;
        var headBytes = 32 * abi.InputParameters.Length;
        var dynamic = abi.InputParameters.Any(p => p.Type is "string" or "bytes" || p.Type.EndsWith(']'));
        _factories[selector] = (data, operation) =>
        {
            // Nethereum pads short data with zeros; values that were never sent must not be reported.
            var argumentBytes = (data.Length - 10) / 2;
            if (argumentBytes < headBytes || (!dynamic && argumentBytes != headBytes))
            {
                return new UnknownRevertException(operation, data);
            }

            var decoded = new FunctionCallDecoder().DecodeFunctionCustomError(new TError(), selector, data);
            return create(decoded, operation);
        };
        return this;
    }

    /// <summary>Decodes <paramref name="revertData"/> (0x-hex) raised by <paramref name="operation"/>.</summary>
    public ContractRevertException Decode(string? revertData, string operation)
    {
        if (string.IsNullOrEmpty(revertData) || revertData.Length < 10 || !revertData.StartsWith("0x", StringComparison.Ordinal))
        {
            return new UnknownRevertException(operation, revertData);
        }

        var selector = revertData.Substring(2, 8);
        try
        {
            if (_factories.TryGetValue(selector, out var factory))
            {
                return factory(revertData, operation);
            }

            if (selector.Equals(ErrorStringSelector, StringComparison.OrdinalIgnoreCase))
            {
                var reason = new FunctionCallDecoder().DecodeFunctionErrorMessage(revertData);
                return new RevertReasonException(operation, reason);
            }

            if (selector.Equals(PanicSelector, StringComparison.OrdinalIgnoreCase) && revertData.Length == 10 + 64)
            {
                var code = BigInteger.Parse("0" + revertData[10..], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
                return new PanicException(operation, code);
            }
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or IndexOutOfRangeException or OverflowException)
        {
            // Malformed data under a known selector: report it raw rather than guessing values.
            return new UnknownRevertException(operation, revertData);
        }

        return new UnknownRevertException(operation, revertData);
    }
}
