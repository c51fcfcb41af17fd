using DePinGpu.Libp2p.Multiformats;
using LiteDB;

namespace DePinGpu.Ipfs.Pins;

/// <summary>
/// Pins persisted in a LiteDB file (one document per pinned CID: type, name, creation time). Thread-safe (LiteDB
/// serializes writes); exclusive to one process. Only <see cref="Storage.ContentStore"/> changes pins, under its GC lock.
/// </summary>
internal sealed class PinStore : IDisposable
{
    /// <summary>Longest pin name kept (the Pinning Service API allows 255 characters).</summary>
    public const int MaxNameLength = 255;

    private const string CollectionName = "pins";
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _pins;

    public PinStore(string databasePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        _database = new LiteDatabase(new ConnectionString { Filename = databasePath, Connection = ConnectionType.Direct });
        _pins = _database.GetCollection<BsonDocument>(CollectionName);
        _pins.EnsureIndex("type");
    }

    public Pin? Find(Cid cid)
    {
        var document = _pins.FindById(Key(cid));
        return document is null ? null : ToPin(document);
    }

    public IReadOnlyList<Pin> List(PinType? type) =>
        (type is { } wanted ? _pins.Find(Query.EQ("type", (int)wanted)) : _pins.FindAll()).Select(ToPin).ToList();

    public void Save(Pin pin)
    {
        _pins.Upsert(new BsonDocument
        {
            ["_id"] = Key(pin.Cid),
            ["type"] = (int)pin.Type,
            ["name"] = pin.Name,
            ["created"] = pin.Created.ToUnixTimeMilliseconds(),
        });
    }

    public bool Remove(Cid cid) => _pins.Delete(Key(cid));

    public void Dispose() => _database.Dispose();

    private static string Key(Cid cid) => cid.ToV1().ToString();

    private static Pin ToPin(BsonDocument document) => new(
        Cid.Parse(document["_id"].AsString),
        (PinType)document["type"].AsInt32,
        document["name"].AsString,
        DateTimeOffset.FromUnixTimeMilliseconds(document["created"].AsInt64));
}
