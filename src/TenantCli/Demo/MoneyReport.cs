using System.Numerics;

namespace DePinGpu.TenantCli.Demo;

/// <summary>The lease's money, from the market's events (wei).</summary>
/// <param name="Escrow">Deposited with the order.</param>
/// <param name="Slashed">Taken from the killed provider's stake.</param>
/// <param name="FinderFee">Paid to the reporter out of the slash.</param>
/// <param name="Reporter">Who reported.</param>
/// <param name="TenantPaid">Everything the escrow paid out for compute (providers' amounts and protocol fees).</param>
/// <param name="ProtocolFees">The treasury's part of that.</param>
/// <param name="TenantRefund">What the lease's close credited back to the tenant.</param>
/// <param name="LostSeconds">Seconds of the killed provider's work after its last committed checkpoint (until the report).</param>
/// <param name="PaidForLostSeconds">What the tenant paid for those seconds.</param>
/// <param name="GapSeconds">Seconds from the report to the standby's acknowledgement (nobody is paid for them).</param>
/// <param name="Providers">Each provider's part.</param>
internal sealed record MoneyReport(
    BigInteger Escrow,
    BigInteger Slashed,
    BigInteger FinderFee,
    string Reporter,
    BigInteger TenantPaid,
    BigInteger ProtocolFees,
    BigInteger TenantRefund,
    long LostSeconds,
    BigInteger PaidForLostSeconds,
    long GapSeconds,
    IReadOnlyList<ProviderEarning> Providers);
