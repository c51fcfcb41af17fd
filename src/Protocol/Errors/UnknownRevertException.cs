namespace DePinGpu.Protocol.Errors;

/// <summary>A revert whose data matches no error this library knows (or carries no data).</summary>
public sealed class UnknownRevertException : ContractRevertException
{
    /// <summary>Creates the exception.</summary>
    public UnknownRevertException(string operation, string? revertData)
        : base("Unknown", operation, string.IsNullOrEmpty(revertData) || revertData == "0x"
            ? "the contract gave no reason; check the arguments and that the contracts match this client's version."
            : $"the revert data {Shorten(revertData)} matches no known error; the contracts may be newer than this client.")
    {
        RevertData = revertData;
    }

    /// <summary>The raw revert data, when the node returned it.</summary>
    public string? RevertData { get; }

    private static string Shorten(string data) => data.Length > 74 ? data[..74] + "…" : data;
}
