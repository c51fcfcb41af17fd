using DePinGpu.Ipfs.UnixFs;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>Splits the content path after <c>/ipfs/{cid}/</c> into directory entry names (a trailing slash is ignored).</summary>
internal static class ContentPathSegments
{
    /// <summary>Null when every segment is a valid entry name (at most <see cref="UnixFsPathResolver.MaxSegments"/>), else why not.</summary>
    public static string? Parse(string contentPath, out IReadOnlyList<string> segments)
    {
        segments = [];
        if (contentPath.Length == 0)
        {
            return null;
        }

        var parts = contentPath.TrimEnd('/').Split('/');
        if (parts.Length > UnixFsPathResolver.MaxSegments)
        {
            return $"The content path has more than {UnixFsPathResolver.MaxSegments} segments.";
        }

        foreach (var part in parts)
        {
            if (!EntryNames.IsValid(part))
            {
                return $"The content path segment '{CarParameters.Shorten(part)}' is not a valid entry name (empty, '.', '..', or too long).";
            }
        }

        segments = parts;
        return null;
    }
}
