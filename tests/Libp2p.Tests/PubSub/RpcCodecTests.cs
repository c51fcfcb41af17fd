using CsCheck;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.Tests.PubSub;

public sealed class RpcCodecTests
{
    [Fact]
    public void SubscribeRpc_MatchesVector()
    {
        var rpc = new Rpc { Subscriptions = [new SubscriptionOption(true, "demo-topic")] };

        Assert.Equal("0a0e0801120a64656d6f2d746f706963", Convert.ToHexStringLower(RpcEncoder.Encode(rpc)));
        Assert.True(RpcDecoder.TryDecode(Convert.FromHexString("0a0e0801120a64656d6f2d746f706963"), RpcDecodeLimits.Default, out var decoded, out _));
        Assert.Equal(rpc.Subscriptions, decoded.Subscriptions);
    }

    [Fact]
    public void SignedMessageRpc_RoundTripsVectorBytes()
    {
        var hex = PubSubVectors.Get("rpcProtobufHex");

        Assert.True(RpcDecoder.TryDecode(Convert.FromHexString(hex), RpcDecodeLimits.Default, out var rpc, out var error), error);
        var message = Assert.Single(rpc.Messages);
        Assert.Equal("demo-topic", message.Topic);
        Assert.Equal("hello"u8.ToArray(), message.Data);
        Assert.Equal(PubSubVectors.Get("fromHex"), Convert.ToHexStringLower(message.From!));
        Assert.Equal(hex, Convert.ToHexStringLower(RpcEncoder.Encode(rpc)));
    }

    [Fact]
    public void ControlMessages_RoundTrip()
    {
        var rpc = new Rpc
        {
            Control = new ControlMessage
            {
                IHave = [new ControlIHave("t", [[1, 2], [3]])],
                IWant = [new ControlIWant([[4, 5, 6]])],
                Graft = [new ControlGraft("g")],
                Prune = [new ControlPrune("p", [new PeerExchangeRecord([0, 1, 2], null)], 60)],
                IDontWant = [new ControlIDontWant([[7]])],
            },
        };

        Assert.True(RpcDecoder.TryDecode(RpcEncoder.Encode(rpc), RpcDecodeLimits.Default, out var decoded, out var error), error);
        var control = decoded.Control!;
        Assert.Equal("t", control.IHave[0].Topic);
        Assert.Equal([[1, 2], [3]], control.IHave[0].MessageIds);
        Assert.Equal([4, 5, 6], control.IWant[0].MessageIds[0]);
        Assert.Equal("g", control.Graft[0].Topic);
        Assert.Equal(60UL, control.Prune[0].BackoffSeconds);
        Assert.Equal([0, 1, 2], control.Prune[0].Peers[0].PeerId);
        Assert.Equal([7], control.IDontWant[0].MessageIds[0]);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("12ff")]
    [InlineData("0a020801")]
    [InlineData("0b")]
    [InlineData("1a04220274ff")]
    [InlineData("0a03120180")]
    public void Malformed_IsRejectedWithReason(string hex)
    {
        Assert.False(RpcDecoder.TryDecode(Convert.FromHexString(hex), RpcDecodeLimits.Default, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TooManySubscriptions_IsRejected()
    {
        var rpc = new Rpc { Subscriptions = Enumerable.Range(0, 5).Select(index => new SubscriptionOption(true, $"t{index}")).ToList() };

        Assert.False(RpcDecoder.TryDecode(RpcEncoder.Encode(rpc), RpcDecodeLimits.Default with { MaxSubscriptions = 4 }, out _, out var error));
        Assert.Contains("subscriptions", error);
    }

    [Fact]
    public void UnknownFields_AreSkipped()
    {
        // Field 15 (varint) and field 9 (fixed32) precede a subscription.
        var bytes = Convert.FromHexString("7801" + "4d01020304" + "0a0e0801120a64656d6f2d746f706963");

        Assert.True(RpcDecoder.TryDecode(bytes, RpcDecodeLimits.Default, out var rpc, out _));
        Assert.Equal("demo-topic", rpc.Subscriptions[0].Topic);
    }

    [Fact]
    public void RandomBytes_NeverThrow()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            RpcDecoder.TryDecode(bytes, RpcDecodeLimits.Default, out _, out _);
        });
    }

    [Fact]
    public void RandomMessages_RoundTrip()
    {
        var bytes = Gen.Byte.Array[0, 40];
        Gen.Select(bytes, bytes, Gen.String[Gen.Char.AlphaNumeric, 1, 20], bytes).Sample((from, data, topic, signature) =>
        {
            var message = new RpcMessage { From = from, Data = data, Topic = topic, Signature = signature };
            var rpc = new Rpc { Messages = [message] };
            Assert.True(RpcDecoder.TryDecode(RpcEncoder.Encode(rpc), RpcDecodeLimits.Default, out var decoded, out _));
            Assert.Equal(RpcEncoder.EncodeMessage(message), RpcEncoder.EncodeMessage(decoded.Messages[0]));
        });
    }
}
