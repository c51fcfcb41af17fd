namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ExtensionMismatch(address extension, address registry)</c>.</summary>
public sealed class ExtensionMismatchException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ExtensionMismatchException(string operation, string extension, string registry)
        : base("ExtensionMismatch", operation, $"the market extension {extension} was not built for the registry {registry}; deploy a LeaseMarketExtension for this registry and pass it.")
    {
        Extension = extension;
        Registry = registry;
    }

    /// <summary>The error's <c>extension</c>.</summary>
    public string Extension { get; }

    /// <summary>The error's <c>registry</c>.</summary>
    public string Registry { get; }
}
