using System.Globalization;
using System.Numerics;
using DePinGpu.Ipfs.Storage;
using LiteDB;

namespace DePinGpu.ProviderNode.Standby;

/// <summary>The orders this provider is a standby of, persisted in <c>standbys.db</c> (LiteDB) under the data directory.</summary>
public sealed class StandbyStore : IDisposable
{
    private readonly RecoverableLiteDatabase _database;

    /// <summary>
    /// Creates the store; the file is opened on first use. A write that fails (a full disk) throws and stores nothing,
    /// and the store works again once it can write (<see cref="RecoverableLiteDatabase"/>).
    /// </summary>
    public StandbyStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _database = new RecoverableLiteDatabase(Path.GetFullPath(path));
    }

    private static ILiteCollection<StandbyRecord> Standbys(LiteDatabase database) => database.GetCollection<StandbyRecord>("standbys");

    /// <summary>The record of order <paramref name="orderId"/>, or null.</summary>
    public StandbyRecord? Find(BigInteger orderId) => _database.Use(database => Standbys(database).FindById(orderId.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Every order this provider is a standby of.</summary>
    public IReadOnlyList<StandbyRecord> All() => _database.Use(database => (IReadOnlyList<StandbyRecord>)[.. Standbys(database).FindAll()]);

    /// <summary>The order whose standby this provider is for <paramref name="leaseId"/>, or null when it is not a standby of that lease.</summary>
    public StandbyRecord? FindByLease(BigInteger leaseId) => All().FirstOrDefault(record => record.Covers(leaseId));

    /// <summary>Writes <paramref name="record"/>.</summary>
    public void Save(StandbyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _database.Use(database => Standbys(database).Upsert(record));
    }

    /// <summary>Forgets order <paramref name="orderId"/>; false when it was not there.</summary>
    public bool Remove(BigInteger orderId) => _database.Use(database => Standbys(database).Delete(orderId.ToString(CultureInfo.InvariantCulture)));

    /// <inheritdoc />
    public void Dispose() => _database.Dispose();
}
