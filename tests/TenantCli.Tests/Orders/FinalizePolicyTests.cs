using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Orders;

namespace DePinGpu.TenantCli.Tests.Orders;

/// <summary>
/// `run`'s finalize moment: by default once every position (replicas and standbys) has an offer, or at the end of the
/// window with one; with `--pick` only once the picked providers are the offers the market would turn into leases.
/// </summary>
public sealed class FinalizePolicyTests
{
    private const string Cheap = "0x00000000000000000000000000000000000000aa";
    private const string Dear = "0x00000000000000000000000000000000000000bb";

    [Fact]
    public void Cheapest_WaitsForEveryPosition_UntilTheWindowCloses()
    {
        var policy = new FinalizePolicy([]);
        var order = Order(replicas: 1, standbys: 1);

        Assert.False(policy.IsMet(order, [Offer(Cheap, 1, 0)], windowClosed: false));
        Assert.True(policy.IsMet(order, [Offer(Cheap, 1, 0), Offer(Dear, 2, 1)], windowClosed: false));
        Assert.True(policy.IsMet(order, [Offer(Cheap, 1, 0)], windowClosed: true));
        Assert.False(policy.IsMet(order, [], windowClosed: true));
    }

    [Fact]
    public void Pick_FinalizesAsSoonAsThePickedProviderWouldWin_EvenBeforeEveryPositionHasAnOffer()
    {
        var policy = new FinalizePolicy([Cheap.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)]);

        Assert.True(policy.IsMet(Order(replicas: 1, standbys: 2), [Offer(Cheap, 1, 0)], windowClosed: false));
    }

    [Fact]
    public void Pick_OfAProviderUndercutByAnother_IsNotMet_EvenWhenTheWindowCloses_AndSaysWhy()
    {
        var policy = new FinalizePolicy([Dear]);
        var order = Order(replicas: 1, standbys: 1);
        IReadOnlyList<OfferDetails> offers = [Offer(Cheap, 1, 0), Offer(Dear, 2, 1)];

        Assert.False(policy.IsMet(order, offers, windowClosed: false));
        Assert.False(policy.IsMet(order, offers, windowClosed: true));
        Assert.Contains($"picked providers ({Dear}) are not the 1 cheapest of the 2 offers", policy.Shortfall(order, offers), StringComparison.Ordinal);
    }

    [Fact]
    public void Pick_AmongEqualPrices_TheEarlierOfferWins()
    {
        var order = Order(replicas: 1, standbys: 1);
        IReadOnlyList<OfferDetails> offers = [Offer(Dear, 1, 1), Offer(Cheap, 1, 0)];

        Assert.True(new FinalizePolicy([Cheap]).IsMet(order, offers, windowClosed: false));
        Assert.False(new FinalizePolicy([Dear]).IsMet(order, offers, windowClosed: false));
    }

    private static OfferDetails Offer(string provider, long price, uint sequence) => new(provider, price, sequence);

    private static OrderDetails Order(byte replicas, byte standbys) => new(
        BigInteger.One, Cheap, OrderKind.Stateful, OrderState.Open, null, string.Empty, 0, 1, replicas, standbys, 10, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1),
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(1), 100, 0, 0, 0, 0, 0, standbys);
}
