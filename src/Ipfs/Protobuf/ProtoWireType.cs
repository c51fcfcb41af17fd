namespace DePinGpu.Ipfs.Protobuf;

/// <summary>The protobuf wire types dag-pb and UnixFS use.</summary>
internal enum ProtoWireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    Fixed32 = 5,
}
