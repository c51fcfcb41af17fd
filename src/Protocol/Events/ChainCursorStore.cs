using DePinGpu.Ipfs.Storage;
using LiteDB;

namespace DePinGpu.Protocol.Events;

/// <summary>
/// Persists event-stream cursors in a LiteDB file, so a restarted process resumes exactly after the last batch it
/// handled. One store may hold the cursors of several named streams.
/// </summary>
public sealed class ChainCursorStore : IDisposable
{
    private const string CollectionName = "chain_cursors";
    private readonly RecoverableLiteDatabase _database;

    /// <summary>
    /// Describes the store at <paramref name="path"/>, opened (or created) on first use. A write that fails (a full
    /// disk) throws and stores nothing, and the store works again once it can write (<see cref="RecoverableLiteDatabase"/>).
    /// </summary>
    public ChainCursorStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _database = new RecoverableLiteDatabase(path);
    }

    /// <summary>The stored position of <paramref name="streamName"/>, or null when it never delivered anything.</summary>
    public ChainPosition? GetPosition(string streamName) => Load(streamName)?.Anchor;

    /// <summary>Forgets the cursor of <paramref name="streamName"/> (the stream restarts from its start block).</summary>
    public void Delete(string streamName)
    {
        _database.Use(database => Cursors(database).Delete(streamName));
    }

    /// <inheritdoc />
    public void Dispose() => _database.Dispose();

    private static ILiteCollection<BsonDocument> Cursors(LiteDatabase database) => database.GetCollection<BsonDocument>(CollectionName);

    internal StreamState? Load(string streamName)
    {
        var document = _database.Use(database => Cursors(database).FindById(streamName));
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
        _database.Use(database => Cursors(database).Upsert(document));
    }
}
