namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>MarketAlreadyBound(address market)</c>.</summary>
public sealed class MarketAlreadyBoundException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public MarketAlreadyBoundException(string operation, string market)
        : base("MarketAlreadyBound", operation, $"the registry is already bound to market {market}, for good; deploy a new registry for a new market.")
    {
        Market = market;
    }

    /// <summary>The error's <c>market</c>.</summary>
    public string Market { get; }
}
