using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.RemotePinning;

/// <summary>
/// Filters for listing pin requests (<c>GET /pins</c>). With no status given the service returns only pinned ones (the
/// API's default). Validated when the query is sent.
/// </summary>
public sealed class RemotePinQuery
{
    /// <summary>Most CIDs one query may name.</summary>
    public const int MaxCids = 10;

    /// <summary>Only these CIDs (at most 10).</summary>
    public IReadOnlyList<Cid> Cids { get; init; } = [];

    /// <summary>Only this name (see <see cref="Match"/>).</summary>
    public string? Name { get; init; }

    /// <summary>How <see cref="Name"/> matches; the service's default (exact) when null.</summary>
    public TextMatchingStrategy? Match { get; init; }

    /// <summary>Only these states; the service returns pinned only when empty.</summary>
    public IReadOnlyList<RemotePinState> Statuses { get; init; } = [];

    /// <summary>Only requests created before this time.</summary>
    public DateTimeOffset? Before { get; init; }

    /// <summary>Only requests created after this time.</summary>
    public DateTimeOffset? After { get; init; }

    /// <summary>Page size, 1–1000 (service default 10 when null).</summary>
    public int? Limit { get; init; }

    /// <summary>Only requests whose metadata contains these entries.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();

    /// <summary>Throws <see cref="ArgumentException"/> naming what is out of the API's range.</summary>
    public void Validate()
    {
        if (Cids.Count > MaxCids)
        {
            throw new ArgumentException($"A pin query names at most {MaxCids} CIDs, not {Cids.Count}.");
        }

        if (Limit is < 1 or > 1000)
        {
            throw new ArgumentException($"A pin query limit must be between 1 and 1000, not {Limit}.");
        }

        if (Name is { Length: > RemotePin.MaxNameLength })
        {
            throw new ArgumentException($"A pin name filter is at most {RemotePin.MaxNameLength} characters.");
        }

        if (Meta.Count > RemotePin.MaxMetaEntries)
        {
            throw new ArgumentException($"A pin query filters on at most {RemotePin.MaxMetaEntries} metadata entries.");
        }
    }
}
