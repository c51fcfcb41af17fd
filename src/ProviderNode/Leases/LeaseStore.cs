using LiteDB;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>The node's leases, persisted in <c>leases.db</c> (LiteDB) under the data directory.</summary>
public sealed class LeaseStore : IDisposable
{
    private readonly Lazy<LiteDatabase> _database;
    private readonly Lock _gate = new();
    private IReadOnlyList<LeaseRecord>? _active;

    /// <summary>Creates the store; the file is opened on first use.</summary>
    public LeaseStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _database = new Lazy<LiteDatabase>(() =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            return new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        });
    }

    private ILiteCollection<LeaseRecord> Leases => _database.Value.GetCollection<LeaseRecord>("leases");

    /// <summary>The record of <paramref name="leaseId"/>, or null.</summary>
    public LeaseRecord? Find(string leaseId) => Leases.FindById(leaseId);

    /// <summary>Every record.</summary>
    public IReadOnlyList<LeaseRecord> All() => [.. Leases.FindAll()];

    /// <summary>
    /// Records that are not final. Kept in memory until the next <see cref="Save"/>: the gossip heartbeat, the capacity
    /// and the bidding ask for it every second, and reading every record from the file each time was most of an idle
    /// node's allocations. The records are immutable, so the list is shared.
    /// </summary>
    public IReadOnlyList<LeaseRecord> Active()
    {
        lock (_gate)
        {
            return _active ??= [.. Leases.FindAll().Where(record => !record.IsFinal)];
        }
    }

    /// <summary>Writes <paramref name="record"/>.</summary>
    public void Save(LeaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            Leases.Upsert(record);
            _active = null;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_database.IsValueCreated)
        {
            _database.Value.Dispose();
        }
    }
}
