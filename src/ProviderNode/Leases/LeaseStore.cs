using DePinGpu.Ipfs.Storage;
using LiteDB;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>The node's leases, persisted in <c>leases.db</c> (LiteDB) under the data directory.</summary>
public sealed class LeaseStore : IDisposable
{
    private readonly RecoverableLiteDatabase _database;
    private readonly Lock _gate = new();
    private IReadOnlyList<LeaseRecord>? _active;

    /// <summary>
    /// Creates the store; the file is opened on first use. A write that fails (a full disk) throws and stores nothing,
    /// and the store works again once it can write (<see cref="RecoverableLiteDatabase"/>).
    /// </summary>
    public LeaseStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _database = new RecoverableLiteDatabase(path);
    }

    private static ILiteCollection<LeaseRecord> Leases(LiteDatabase database) => database.GetCollection<LeaseRecord>("leases");

    /// <summary>The record of <paramref name="leaseId"/>, or null.</summary>
    public LeaseRecord? Find(string leaseId) => _database.Use(database => Leases(database).FindById(leaseId));

    /// <summary>Every record.</summary>
    public IReadOnlyList<LeaseRecord> All() => _database.Use(database => (IReadOnlyList<LeaseRecord>)[.. Leases(database).FindAll()]);

    /// <summary>
    /// Records that are not final. Kept in memory until the next <see cref="Save"/>: the gossip heartbeat, the capacity
    /// and the bidding ask for it every second, and reading every record from the file each time was most of an idle
    /// node's allocations. The records are immutable, so the list is shared.
    /// </summary>
    public IReadOnlyList<LeaseRecord> Active()
    {
        lock (_gate)
        {
            return _active ??= _database.Use(database => (IReadOnlyList<LeaseRecord>)[.. Leases(database).FindAll().Where(record => !record.IsFinal)]);
        }
    }

    /// <summary>Writes <paramref name="record"/>.</summary>
    public void Save(LeaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _active = null;
            _database.Use(database => Leases(database).Upsert(record));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _database.Dispose();
}
