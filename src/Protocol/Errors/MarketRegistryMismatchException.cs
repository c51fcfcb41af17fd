namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>MarketRegistryMismatch(address market, address marketRegistry)</c>.</summary>
public sealed class MarketRegistryMismatchException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public MarketRegistryMismatchException(string operation, string market, string marketRegistry)
        : base("MarketRegistryMismatch", operation, $"market {market} belongs to registry {marketRegistry}, not this one; bind the market deployed for this registry.")
    {
        Market = market;
        MarketRegistry = marketRegistry;
    }

    /// <summary>The error's <c>market</c>.</summary>
    public string Market { get; }

    /// <summary>The error's <c>marketRegistry</c>.</summary>
    public string MarketRegistry { get; }
}
