using System.Collections;
using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace DePinGpu.Protocol.Tests.Events;

public sealed class ProtocolEventDecoderTests(ProtocolFixture fixture) : IClassFixture<ProtocolFixture>
{
    private readonly ProtocolChain _chain = fixture.Chain;

    [Fact]
    public async Task FastDecoder_AgreesWithNethereumsAbiDecoding_OnRealLogs()
    {
        var tenant = _chain.Market(await _chain.FundedKeyAsync());
        var providers = new[] { await _chain.RegisterProviderAsync(), await _chain.RegisterProviderAsync() };
        var request = new OrderRequest(Libp2p.Multiformats.Cid.FromBytes([0x01, 0x55, 0x12, 0x20, .. Enumerable.Range(0, 32).Select(i => (byte)i)]), OrderKind.Stateful, "RTX4090", 8, 1, 1, 1, 5000, TimeSpan.FromDays(2), TimeSpan.FromMinutes(3), 5000 * 3600 * 3);
        var orderId = await tenant.CreateOrderAsync(request, CancellationToken.None);
        await providers[0].Market.PlaceOfferAsync(orderId, 40, CancellationToken.None);
        await providers[1].Market.PlaceOfferAsync(orderId, 50, CancellationToken.None);
        var finalized = await tenant.FinalizeOrderAsync(orderId, CancellationToken.None);
        await providers[0].Market.AckLeaseAsync(finalized.FirstLeaseId, 0, CancellationToken.None);
        await providers[0].Market.CommitCheckpointAsync(finalized.FirstLeaseId, 0, TestCids.Of(0x71, 0), 5, 77, CancellationToken.None);
        await _chain.Registry(providers[1].Owner).RequestUnbondAsync(1, CancellationToken.None);

        var head = await _chain.Anvil.Rpc.GetBlockNumberAsync(CancellationToken.None);
        var decoder = _chain.Connection.Events;
        var logs = await _chain.Anvil.Rpc.GetLogsAsync(new LogFilter(0, head, decoder.Addresses, decoder.Topics), CancellationToken.None);
        var names = new HashSet<string>();
        foreach (var log in logs)
        {
            var fast = decoder.Decode(log)!;
            names.Add(fast.GetType().Name);
            var contract = fast.GetType().Namespace!.EndsWith("Market", StringComparison.Ordinal) ? "LeaseMarket" : "ProviderRegistry";
            var dtoType = typeof(DePinGpu.Protocol.Contracts.LeaseMarket.ContractDefinition.OrderCreatedEventDTO).Assembly
                .GetType($"DePinGpu.Protocol.Contracts.{contract}.ContractDefinition.{SolidityName(fast)}EventDTO")!;
            var filterLog = new FilterLog { Address = log.Address, Data = log.Data, Topics = [.. log.Topics] };
            var eventLog = typeof(EventExtensions).GetMethods().Single(m => m.Name == "DecodeEvent" && m.IsGenericMethod && m.GetParameters() is [{ ParameterType.Name: "FilterLog" }])
                .MakeGenericMethod(dtoType).Invoke(null, [filterLog])!;
            var dto = eventLog.GetType().GetProperty("Event")!.GetValue(eventLog)!;
            foreach (var property in fast.GetType().GetProperties().Where(p => p.DeclaringType == fast.GetType() && p.Name != "EqualityContract"))
            {
                var expected = Normalise(dtoType.GetProperty(property.Name)!.GetValue(dto), property.Name);
                Assert.Equal(expected, Normalise(property.GetValue(fast), property.Name));
            }
        }

        Assert.Superset(new HashSet<string> { "ProviderRegistered", "StakeLocked", "OrderCreated", "OfferPlaced", "OrderFinalized", "LeaseAssigned", "LeaseStarted", "CheckpointCommitted", "UnbondRequested" }, names);
    }

    // Both contracts emit ParameterUpdated; the C# records carry the contract in their names.
    private static string SolidityName(ChainEvent decoded) =>
        decoded is Protocol.Events.Registry.RegistryParameterUpdated or Protocol.Events.Market.MarketParameterUpdated ? "ParameterUpdated" : decoded.GetType().Name;

    private static string? Normalise(object? value, string name) => value switch
    {
        null => null,
        Libp2p.Multiformats.Cid cid => Convert.ToHexStringLower(cid.Bytes),
        Libp2p.Identity.PeerId peerId => Convert.ToHexStringLower(peerId.Bytes),
        string text => text.ToLowerInvariant(),
        byte[] bytes when name == "Name" => System.Text.Encoding.ASCII.GetString(bytes).TrimEnd('\0').ToLowerInvariant(),
        byte[] bytes => Convert.ToHexStringLower(bytes),
        Enum e => Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable list => string.Join(",", list.Cast<object>().Select(v => Normalise(v, name))),
        BigInteger or ulong or uint or ushort or byte => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        bool b => b.ToString(),
        _ => value.ToString(),
    };
}
