using LiteDB;

namespace DePinGpu.Protocol.Events;

/// <summary>
/// Persists event-stream cursors in a LiteDB file, so a restarted process resumes exactly after the last batch it
/// handled. One store may hold the cursors of several named streams.
/// </summary>
public sealed class ChainCursorStore : IDisposable
{
    private const string CollectionName = "chain_cursors";
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _cursors;
    private readonly Lock _gate = new();

    /// <summary>Opens (or creates) the store at <paramref name="path"/>.</summary>
    public ChainCursorStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        _cursors = _database.GetCollection<BsonDocument>(CollectionName);
    }

    /// <summary>The stored position of <paramref name="streamName"/>, or null when it never delivered anything.</summary>
    public ChainPosition? GetPosition(string streamName) => Load(streamName)?.Anchor;

    /// <summary>Forgets the cursor of <paramref name="streamName"/> (the stream restarts from its start block).</summary>
    public void Delete(string streamName)
    {
        lock (_gate)
        {
            _cursors.Delete(streamName);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _database.Dispose();

    internal StreamState? Load(string streamName)
    {
        lock (_gate)
        {
            var document = _cursors.FindById(streamName);
            if (document is null)
            {
                return null;
            }

            var anchor = document["anchorHash"].IsNull
                ? null
                : new ChainPosition((ulong)document["anchorNumber"].AsInt64, document["anchorHash"].AsString);
            var history = document["history"].AsArray
                .Select(item => new ChainPosition((ulong)item["n"].AsInt64, item["h"].AsString))
                .ToArray();
            return new StreamState((ulong)document["next"].AsInt64, anchor, history);
        }
    }

    internal void Save(string streamName, StreamState state)
    {
        var history = new BsonArray(state.History.Select(p => new BsonDocument { ["n"] = (long)p.Number, ["h"] = p.Hash }));
        var document = new BsonDocument
        {
            ["_id"] = streamName,
            ["next"] = (long)state.Next,
            ["anchorNumber"] = state.Anchor is null ? BsonValue.Null : (long)state.Anchor.Number,
            ["anchorHash"] = state.Anchor is null ? BsonValue.Null : state.Anchor.Hash,
            ["history"] = history,
        };
        lock (_gate)
        {
            _cursors.Upsert(document);
        }
    }
}
