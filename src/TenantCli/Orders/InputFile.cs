using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.TenantCli.Orders;

/// <summary>A spec input the tenant named by a local file: its name under <c>$DEPIN_INPUT_DIR</c>, the file, its bytes and their CID.</summary>
internal sealed record InputFile(string Name, string SourcePath, byte[] Bytes, Cid Cid);
