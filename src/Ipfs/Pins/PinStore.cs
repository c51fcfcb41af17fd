using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Multiformats;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Pins;

/// <summary>
/// Pins persisted in a LiteDB file (one document per pinned CID: type, name, creation time). Thread-safe (LiteDB
/// serializes writes); exclusive to one process. Only <see cref="Storage.ContentStore"/> changes pins, under its GC lock.
/// A failed write (a full disk) stores nothing and leaves the store usable: the next call opens the file again
/// (<see cref="RecoverableLiteDatabase"/>).
/// </summary>
internal sealed class PinStore : IDisposable
{
    /// <summary>Longest pin name kept (the Pinning Service API allows 255 characters).</summary>
    public const int MaxNameLength = 255;

    private const string CollectionName = "pins";
    private readonly RecoverableLiteDatabase _database;

    public PinStore(string databasePath, ILogger logger)
    {
        _database = new RecoverableLiteDatabase(databasePath, database => Pins(database).EnsureIndex("type"), logger);
    }

    public Pin? Find(Cid cid) => _database.Use(database => Pins(database).FindById(Key(cid)) is { } document ? ToPin(document) : null);

    public IReadOnlyList<Pin> List(PinType? type) => _database.Use(database =>
        (type is { } wanted ? Pins(database).Find(Query.EQ("type", (int)wanted)) : Pins(database).FindAll()).Select(ToPin).ToList());

    public void Save(Pin pin)
    {
        var document = new BsonDocument
        {
            ["_id"] = Key(pin.Cid),
            ["type"] = (int)pin.Type,
            ["name"] = pin.Name,
            ["created"] = pin.Created.ToUnixTimeMilliseconds(),
        };
        _database.Use(database => Pins(database).Upsert(document));
    }

    public bool Remove(Cid cid) => _database.Use(database => Pins(database).Delete(Key(cid)));

    public void Dispose() => _database.Dispose();

    private static ILiteCollection<BsonDocument> Pins(LiteDatabase database) => database.GetCollection<BsonDocument>(CollectionName);

    private static string Key(Cid cid) => cid.ToV1().ToString();

    private static Pin ToPin(BsonDocument document) => new(
        Cid.Parse(document["_id"].AsString),
        (PinType)document["type"].AsInt32,
        document["name"].AsString,
        DateTimeOffset.FromUnixTimeMilliseconds(document["created"].AsInt64));
}
