namespace DePinGpu.Protocol.Tests.Support;

/// <summary>A log as <see cref="ScriptedChain"/> serves it from <c>eth_getLogs</c> (a test may rewrite it before it is sent).</summary>
/// <param name="Value">The emitted value, carried in the only topic (a second topic makes the log undecodable).</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="BlockHash">That block's hash.</param>
/// <param name="LogIndex">Position in the block.</param>
/// <param name="Removed">The node's reorg flag.</param>
/// <param name="Topics">How many topics it carries (1 decodes, 2 does not).</param>
public sealed record ScriptedLog(long Value, ulong BlockNumber, string BlockHash, uint LogIndex, bool Removed = false, int Topics = 1);
