namespace DePinGpu.Protocol.Configuration;

/// <summary>
/// Options that can tell what is wrong with themselves, without the network. Every problem is one sentence that
/// starts with the name of the property at fault, so a validator can prefix the configuration section and the
/// message names the exact key (<c>Chain:RpcUrl …</c>).
/// </summary>
public interface IValidatedOptions
{
    /// <summary>The problems of these options (empty when none).</summary>
    IReadOnlyList<string> Validate();
}
