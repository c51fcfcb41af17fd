using System.Globalization;
using System.Numerics;
using LiteDB;

namespace DePinGpu.ProviderNode.Standby;

/// <summary>The orders this provider is a standby of, persisted in <c>standbys.db</c> (LiteDB) under the data directory.</summary>
public sealed class StandbyStore : IDisposable
{
    private readonly Lazy<LiteDatabase> _database;

    /// <summary>Creates the store; the file is opened on first use.</summary>
    public StandbyStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _database = new Lazy<LiteDatabase>(() =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            return new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        });
    }

    private ILiteCollection<StandbyRecord> Standbys => _database.Value.GetCollection<StandbyRecord>("standbys");

    /// <summary>The record of order <paramref name="orderId"/>, or null.</summary>
    public StandbyRecord? Find(BigInteger orderId) => Standbys.FindById(orderId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Every order this provider is a standby of.</summary>
    public IReadOnlyList<StandbyRecord> All() => [.. Standbys.FindAll()];

    /// <summary>The order whose standby this provider is for <paramref name="leaseId"/>, or null when it is not a standby of that lease.</summary>
    public StandbyRecord? FindByLease(BigInteger leaseId) => All().FirstOrDefault(record => record.Covers(leaseId));

    /// <summary>Writes <paramref name="record"/>.</summary>
    public void Save(StandbyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Standbys.Upsert(record);
    }

    /// <summary>Forgets order <paramref name="orderId"/>; false when it was not there.</summary>
    public bool Remove(BigInteger orderId) => Standbys.Delete(orderId.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public void Dispose()
    {
        if (_database.IsValueCreated)
        {
            _database.Value.Dispose();
        }
    }
}
