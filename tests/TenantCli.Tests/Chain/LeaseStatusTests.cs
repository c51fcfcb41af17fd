using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Chain;

namespace DePinGpu.TenantCli.Tests.Chain;

public sealed class LeaseStatusTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Theory]
    [InlineData(7200, 1, 0, 7200, 7200)]
    [InlineData(7200, 1, 200, 7000, 7000)]
    [InlineData(7201, 2, 0, 7201, 3600)]
    [InlineData(100, 1, 500, 0, 0)]
    [InlineData(100, 0, 0, 100, 0)]
    public void EscrowLeftAndTheTimeItBuys_AreTheUnearnedEscrowAtTheCurrentPrice(long escrow, long pricePerSecond, long accrued, long expectedLeft, long expectedSeconds)
    {
        var status = new LeaseStatus(Lease(escrow, pricePerSecond), Now, null, null, 0, accrued);
        Assert.Equal(new BigInteger(expectedLeft), status.EscrowLeft);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), status.EscrowBuys);
    }

    [Fact]
    public void TheTimeItBuys_AtAVeryLowPrice_IsBoundedInsteadOfOverflowing()
    {
        var status = new LeaseStatus(Lease(0, 1) with { Escrow = BigInteger.Pow(10, 30) }, Now, null, null, 0, 0);
        Assert.True(status.EscrowBuys > TimeSpan.FromDays(365 * 1000));
    }

    private static LeaseDetails Lease(long escrow, long pricePerSecond) => new(
        1, 1, 0, OrderKind.Stateful, LeaseState.Running, "0x00000000000000000000000000000000000000aa", 0, pricePerSecond,
        Now, null, Now, Now, Now.AddHours(2), null, escrow, null, 0, Now, LeaseReason.None);
}
