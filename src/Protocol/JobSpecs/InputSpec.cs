namespace DePinGpu.Protocol.JobSpecs;

/// <summary>An input the node fetches by CID and places at <c>$DEPIN_INPUT_DIR/&lt;Name&gt;</c> before starting.</summary>
/// <param name="Cid">The content identifier (a UnixFS file or folder).</param>
/// <param name="Name">The file or folder name under the input directory.</param>
public sealed record InputSpec(string Cid, string Name);
