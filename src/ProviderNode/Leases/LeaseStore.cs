using LiteDB;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>The node's leases, persisted in <c>leases.db</c> (LiteDB) under the data directory.</summary>
public sealed class LeaseStore : IDisposable
{
    private readonly Lazy<LiteDatabase> _database;

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

    /// <summary>Records that are not final.</summary>
    public IReadOnlyList<LeaseRecord> Active() => [.. Leases.FindAll().Where(record => !record.IsFinal)];

    /// <summary>Writes <paramref name="record"/>.</summary>
    public void Save(LeaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Leases.Upsert(record);
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
