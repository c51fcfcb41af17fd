using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.RemotePinning;

/// <summary>
/// What to pin (Pinning Service API <c>Pin</c>): the CID, an optional name (≤ 255 characters), up to 20 multiaddrs where the
/// service can fetch the DAG (<c>origins</c>), and string metadata. Validated on construction.
/// </summary>
public sealed record RemotePin
{
    /// <summary>Longest name the API allows.</summary>
    public const int MaxNameLength = 255;

    /// <summary>Most origins the API allows.</summary>
    public const int MaxOrigins = 20;

    /// <summary>Most metadata entries this client sends or accepts.</summary>
    public const int MaxMetaEntries = 64;

    /// <summary>Creates and validates a pin.</summary>
    public RemotePin(Cid cid, string? name = null, IReadOnlyList<string>? origins = null, IReadOnlyDictionary<string, string>? meta = null)
    {
        ArgumentNullException.ThrowIfNull(cid);
        if (name is not null && name.Length > MaxNameLength)
        {
            throw new ArgumentException($"A pin name is at most {MaxNameLength} characters, not {name.Length}.", nameof(name));
        }

        origins ??= [];
        if (origins.Count > MaxOrigins || origins.Any(origin => string.IsNullOrWhiteSpace(origin) || !origin.StartsWith('/') || origin.Length > 1024))
        {
            throw new ArgumentException($"Origins are at most {MaxOrigins} multiaddrs, each starting with '/'.", nameof(origins));
        }

        meta ??= new Dictionary<string, string>();
        if (meta.Count > MaxMetaEntries || meta.Any(entry => entry.Key.Length is 0 or > 1024 || entry.Value is null || entry.Value.Length > 4096))
        {
            throw new ArgumentException($"Pin metadata is at most {MaxMetaEntries} entries with keys of 1–1024 and values of at most 4096 characters.", nameof(meta));
        }

        Cid = cid;
        Name = name;
        Origins = origins;
        Meta = meta;
    }

    /// <summary>The content to pin.</summary>
    public Cid Cid { get; }

    /// <summary>A label (not unique), or null.</summary>
    public string? Name { get; }

    /// <summary>Multiaddrs of peers that have the DAG.</summary>
    public IReadOnlyList<string> Origins { get; }

    /// <summary>Free-form string metadata.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; }
}
