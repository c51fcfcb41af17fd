namespace DePinGpu.Protocol.Errors;

/// <summary>
/// A contract call reverted. Subclasses carry the decoded custom error's values; the message says what
/// the user can do about it.
/// </summary>
public class ContractRevertException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContractRevertException(string errorName, string operation, string message)
        : base($"{operation} was rejected by the contract ({errorName}): {message}")
    {
        ErrorName = errorName;
        Operation = operation;
    }

    /// <summary>The Solidity error name (e.g. <c>LeaseEpochStale</c>), or <c>Error</c>/<c>Panic</c>/<c>Unknown</c>.</summary>
    public string ErrorName { get; }

    /// <summary>What was attempted (e.g. "heartbeat").</summary>
    public string Operation { get; }
}
