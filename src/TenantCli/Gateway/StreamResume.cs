namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// The stream-resume convention between the gateway and a service (docs/job-spec.md): a request re-sent after a
/// replica died mid-stream carries the last event id the client received and how many events it received; a service
/// that honours them continues after that event, and says so with the numeric id that follows or a confirming header.
/// </summary>
internal static class StreamResume
{
    /// <summary>The standard server-sent-events header: the id of the last event the client received.</summary>
    public const string LastEventIdHeader = "Last-Event-ID";

    /// <summary>How many events the client has received on this request.</summary>
    public const string DeliveredHeader = "DePin-Events-Delivered";

    /// <summary>A service's confirmation that it continued after the delivered events (value: their count).</summary>
    public const string ResumedHeader = "DePin-Stream-Resumed";

    /// <summary>The media type of server-sent events.</summary>
    public const string EventStreamMediaType = "text/event-stream";
}
