using System.Net;
using CsCheck;
using DePinGpu.Libp2p.Hosting;

namespace DePinGpu.Libp2p.Tests.Hosting;

public sealed class PendingHandshakeLimiterTests
{
    /// <summary>Addresses with the source and subnet they belong to, written out by hand (not computed like the limiter does).</summary>
    private static readonly (IPAddress Address, string Source, string Subnet)[] Pool =
    [
        (IPAddress.Parse("10.0.0.1"), "10.0.0.1", "10.0.0"),
        (IPAddress.Parse("::ffff:10.0.0.1"), "10.0.0.1", "10.0.0"),
        (IPAddress.Parse("10.0.0.2"), "10.0.0.2", "10.0.0"),
        (IPAddress.Parse("10.0.0.3"), "10.0.0.3", "10.0.0"),
        (IPAddress.Parse("10.0.1.1"), "10.0.1.1", "10.0.1"),
        (IPAddress.Parse("192.168.7.9"), "192.168.7.9", "192.168.7"),
        (IPAddress.Parse("2001:db8:1:1::1"), "2001:db8:1:1", "2001:db8:1"),
        (IPAddress.Parse("2001:db8:1:1::2"), "2001:db8:1:1", "2001:db8:1"),
        (IPAddress.Parse("2001:db8:1:2::1"), "2001:db8:1:2", "2001:db8:1"),
        (IPAddress.Parse("2001:db8:2:1::1"), "2001:db8:2:1", "2001:db8:2"),
    ];

    private static readonly Gen<ConnectionLimits> Limits =
        from total in Gen.Int[2, 12]
        from perSource in Gen.Int[1, total]
        from perSubnet in Gen.Int[perSource, total]
        from reserved in Gen.Int[0, total - 1]
        select new ConnectionLimits { MaxPendingHandshakes = total, MaxPendingHandshakesPerSource = perSource, MaxPendingHandshakesPerSubnet = perSubnet, PendingHandshakesReservedForKnownPeers = reserved };

    /// <summary>An operation: admit Pool[index] (known or not), or release the held handshake at index modulo their number.</summary>
    private static readonly Gen<(bool Admit, int Index, bool Known)> Operation = Gen.Select(Gen.Int[0, 3].Select(kind => kind > 0), Gen.Int[0, 1000], Gen.Bool);

    [Fact]
    public void Bookkeeping_MatchesAModelOfTheLimits_AndEmptiesWhenAllAreReleased()
    {
        Gen.Select(Limits, Operation.List[0, 80]).Sample((limits, operations) =>
        {
            var limiter = new PendingHandshakeLimiter(limits);
            var held = new List<(PendingHandshake Handshake, string Source, string Subnet)>();
            foreach (var (admit, index, known) in operations)
            {
                if (admit)
                {
                    var (address, source, subnet) = Pool[index % Pool.Length];
                    var expected = ExpectedRefusal(limits, held, source, subnet, known);
                    var admitted = limiter.TryAdmit(address, known, out var handshake, out var refusal);
                    Assert.Equal(expected is null, admitted);
                    if (admitted)
                    {
                        held.Add((handshake!, source, subnet));
                    }
                    else
                    {
                        Assert.Equal(expected, refusal);
                    }
                }
                else if (held.Count > 0)
                {
                    var released = held[index % held.Count];
                    held.Remove(released);
                    released.Handshake.Dispose();
                    released.Handshake.Dispose();
                }

                Assert.Equal(held.Count, limiter.Pending);
                Assert.All(Pool, entry => Assert.Equal(held.Count(item => item.Source == entry.Source), limiter.PendingFromSource(entry.Address)));
                Assert.All(Pool, entry => Assert.Equal(held.Count(item => item.Subnet == entry.Subnet), limiter.PendingFromSubnet(entry.Address)));
            }

            held.ForEach(item => item.Handshake.Dispose());
            Assert.Equal(0, limiter.Pending);
            Assert.Equal(0, limiter.TrackedPrefixes);
        });
    }

    [Fact]
    public void ConcurrentAdmitsAndReleases_NeverExceedTheLimits_AndLeaveNothingBehind()
    {
        var limits = new ConnectionLimits { MaxPendingHandshakes = 20, MaxPendingHandshakesPerSource = 3, MaxPendingHandshakesPerSubnet = 6, PendingHandshakesReservedForKnownPeers = 5 };
        var limiter = new PendingHandshakeLimiter(limits);
        var peak = 0;
        Parallel.For(0, 20_000, iteration =>
        {
            var address = Pool[iteration % Pool.Length].Address;
            if (limiter.TryAdmit(address, isKnown: iteration % 3 == 0, out var handshake, out _))
            {
                InterlockedMax(ref peak, limiter.Pending);
                Assert.True(limiter.PendingFromSource(address) <= 3);
                Assert.True(limiter.PendingFromSubnet(address) <= 6);
                handshake.Dispose();
            }
        });

        Assert.InRange(peak, 1, 20);
        Assert.Equal(0, limiter.Pending);
        Assert.Equal(0, limiter.TrackedPrefixes);
    }

    [Theory]
    [InlineData("127.0.1.2", "127.0.1.2/32", "127.0.1.0/24")]
    [InlineData("::ffff:127.0.1.2", "127.0.1.2/32", "127.0.1.0/24")]
    [InlineData("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff", "2001:db8:aaaa:bbbb::/64", "2001:db8:aaaa::/48")]
    public void SourceAndSubnet_AreTheAddressesPrefixes(string address, string source, string subnet)
    {
        Assert.Equal(source, SourcePrefix.SourceOf(IPAddress.Parse(address)).ToString());
        Assert.Equal(subnet, SourcePrefix.SubnetOf(IPAddress.Parse(address)).ToString());
    }

    [Fact]
    public void KnownSourceAddresses_ForgetTheOldestBeyondTheirCapacity()
    {
        var known = new KnownSourceAddresses(capacity: 2);
        known.Add(IPAddress.Parse("10.0.0.1"));
        known.Add(IPAddress.Parse("10.0.0.2"));
        known.Add(IPAddress.Parse("10.0.0.1"));
        known.Add(IPAddress.Parse("10.0.0.3"));

        Assert.True(known.Contains(IPAddress.Parse("::ffff:10.0.0.1")));
        Assert.False(known.Contains(IPAddress.Parse("10.0.0.2")));
        Assert.True(known.Contains(IPAddress.Parse("10.0.0.3")));
        Assert.Equal(2, known.Count);
    }

    private static PendingHandshakeRefusal? ExpectedRefusal(ConnectionLimits limits, List<(PendingHandshake Handshake, string Source, string Subnet)> held, string source, string subnet, bool known)
    {
        if (held.Count(item => item.Source == source) >= limits.MaxPendingHandshakesPerSource)
        {
            return PendingHandshakeRefusal.SourceLimit;
        }

        if (held.Count(item => item.Subnet == subnet) >= limits.MaxPendingHandshakesPerSubnet)
        {
            return PendingHandshakeRefusal.SubnetLimit;
        }

        if (held.Count >= limits.MaxPendingHandshakes)
        {
            return PendingHandshakeRefusal.TotalLimit;
        }

        return !known && held.Count >= limits.MaxPendingHandshakes - limits.PendingHandshakesReservedForKnownPeers
            ? PendingHandshakeRefusal.UnknownSourcesShare
            : null;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
