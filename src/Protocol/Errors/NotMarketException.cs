namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>NotMarket(address caller)</c>.</summary>
public sealed class NotMarketException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public NotMarketException(string operation, string caller)
        : base("NotMarket", operation, $"{caller} is not the market bound to this registry; only the market may lock, unlock, slash and jail.")
    {
        Caller = caller;
    }

    /// <summary>The error's <c>caller</c>.</summary>
    public string Caller { get; }
}
