namespace DePinGpu.TenantCli.Gateway;

/// <summary>One complete block of a server-sent-event stream, up to and including its blank line.</summary>
/// <param name="Bytes">The block as received, relayed unchanged.</param>
/// <param name="Id">The block's last <c>id</c> field, when it has one.</param>
/// <param name="IsEvent">True when it dispatches an event (it has a <c>data</c> field); comments and bare ids do not.</param>
internal sealed record ServerSentEventBlock(byte[] Bytes, string? Id, bool IsEvent);
