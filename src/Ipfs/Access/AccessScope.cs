namespace DePinGpu.Ipfs.Access;

/// <summary>
/// The requester of the gateway request running on this async flow. The gateway's access guard enters a scope for each
/// request, and <see cref="AccessScopedBlockStore"/> reads it on every block read the request causes — on worker tasks
/// too, since they start inside the flow — so no gateway code between the two has to carry the identity.
/// </summary>
internal static class AccessScope
{
    private static readonly AsyncLocal<Requester?> CurrentRequester = new();

    /// <summary>The requester of the running request; anonymous outside any scope.</summary>
    public static Requester Current => CurrentRequester.Value ?? Requester.Anonymous;

    public static IDisposable Enter(Requester requester)
    {
        var previous = CurrentRequester.Value;
        CurrentRequester.Value = requester;
        return new Exit(previous);
    }

    private sealed class Exit(Requester? previous) : IDisposable
    {
        public void Dispose() => CurrentRequester.Value = previous;
    }
}
