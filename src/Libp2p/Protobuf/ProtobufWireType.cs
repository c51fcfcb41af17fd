namespace DePinGpu.Libp2p.Protobuf;

/// <summary>The protobuf wire types this code reads and writes.</summary>
public enum ProtobufWireType
{
    /// <summary>Base-128 varint.</summary>
    Varint = 0,

    /// <summary>Eight little-endian bytes.</summary>
    Fixed64 = 1,

    /// <summary>Varint length followed by that many bytes.</summary>
    LengthDelimited = 2,

    /// <summary>Four little-endian bytes.</summary>
    Fixed32 = 5,
}
