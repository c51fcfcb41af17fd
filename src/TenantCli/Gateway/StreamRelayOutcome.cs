namespace DePinGpu.TenantCli.Gateway;

/// <summary>How a relayed server-sent-event stream ended.</summary>
internal enum StreamRelayOutcome
{
    /// <summary>The stream ended normally (on the first replica or after continuing on others).</summary>
    Completed,

    /// <summary>A replica died mid-stream and the stream could not be continued: the client got an error event.</summary>
    Failed,

    /// <summary>The client left.</summary>
    ClientGone,
}
