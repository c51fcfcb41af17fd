namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>AccessControlEnforcedDefaultAdminDelay(uint48 schedule)</c>.</summary>
public sealed class AccessControlEnforcedDefaultAdminDelayException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public AccessControlEnforcedDefaultAdminDelayException(string operation, ulong schedule)
        : base("AccessControlEnforcedDefaultAdminDelay", operation, $"the pending admin change takes effect only at {RevertText.Time(schedule)}; retry after that time.")
    {
        Schedule = schedule;
    }

    /// <summary>The error's <c>schedule</c>.</summary>
    public ulong Schedule { get; }
}
