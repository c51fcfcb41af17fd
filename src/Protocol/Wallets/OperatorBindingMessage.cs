using Nethereum.ABI.FunctionEncoding.Attributes;

namespace DePinGpu.Protocol.Wallets;

/// <summary>The EIP-712 struct an operator key signs to consent to serve a provider owner.</summary>
[Struct("OperatorBinding")]
internal sealed class OperatorBindingMessage
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;
}
